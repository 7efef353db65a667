#!/bin/bash
# 1P1C busy spin, one fork per launch, contenders interleaved, 10 rounds.
cd "$(dirname "$0")"
for i in $(seq 1 10); do
  for c in sluice-busy-spin disruptor-busy-spin jctools; do
    java -jar benchmarks.jar OneToOne -p contender=$c -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $c-$i.json > $c-$i.log 2>&1
  done
done
