#!/bin/bash
# 1P1C busy spin, one fork per launch, contenders interleaved.
#   ./run.sh                      the first run: 10 rounds of Sluice, the Disruptor, JCTools, into this folder
#   ./run.sh DIR ROUNDS C1 C2...  ROUNDS rounds of the given contenders, into DIR (made if missing)
# Expects bench/target/benchmarks.jar copied here as benchmarks.jar.
cd "$(dirname "$0")"
jar="$PWD/benchmarks.jar"
dir="${1:-.}"; rounds="${2:-10}"; shift 2 2>/dev/null
contenders="${*:-sluice-busy-spin disruptor-busy-spin jctools}"
mkdir -p "$dir" && cd "$dir"
for i in $(seq 1 "$rounds"); do
  for c in $contenders; do
    java -jar "$jar" OneToOne -p contender=$c -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $c-$i.json > $c-$i.log 2>&1
  done
done
