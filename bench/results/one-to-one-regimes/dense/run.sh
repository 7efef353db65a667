#!/bin/bash
# 1P1C: the speed-of-light ring (a long[] of values, dense: eight to a line) beside JCTools, the
# marked ring with idle pauses, the cursor ring and the Disruptor: one fork per
# launch, the contenders interleaved, their order rotated each round so none always runs first.
#   ./run.sh FIRST LAST [CONTENDERS...]   rounds FIRST..LAST into this folder
# Expects bench/target/benchmarks.jar copied here as benchmarks.jar (see jars.txt for the commit).
cd "$(dirname "$0")"
first="$1"; last="$2"; shift 2
contenders=(${*:-speed-of-light jctools-busy-spin sluice-marked-busy-spin-idle64 sluice-busy-spin disruptor-busy-spin})
n=${#contenders[@]}
for i in $(seq "$first" "$last"); do
  for k in $(seq 0 $((n - 1))); do
    c=${contenders[$(( (k + i) % n ))]}
    java -jar benchmarks.jar OneToOne -p contender=$c -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $c-$i.json > $c-$i.log 2>&1
  done
done
