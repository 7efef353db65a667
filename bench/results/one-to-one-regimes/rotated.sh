#!/bin/bash
# 1P1C busy spin, one fork per launch, the contenders interleaved and their order rotated each
# round so none always runs first (on this host the regime follows windows of time).
#   ./rotated.sh DIR FIRST LAST C1 C2...   rounds FIRST..LAST of the given contenders, into DIR,
#   with DIR/benchmarks.jar (bench/target/benchmarks.jar copied there).
# Then: python3 analyse.py DIR
set -e
dir="$1"; first="$2"; last="$3"; shift 3
contenders=("$@")
n=${#contenders[@]}
if [ "$n" = 0 ] || [ ! -f "$dir/benchmarks.jar" ]; then
  echo "usage: $0 DIR FIRST LAST CONTENDER... (with DIR/benchmarks.jar)" >&2
  exit 2
fi
cd "$dir"
for i in $(seq "$first" "$last"); do
  for k in $(seq 0 $((n - 1))); do
    c=${contenders[$(( (k + i) % n ))]}
    java -jar benchmarks.jar OneToOne -p contender=$c -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $c-$i.json > $c-$i.log 2>&1
  done
done
