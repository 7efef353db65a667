#!/bin/bash
# Eight rounds of ProducerPathBenchmark, alternating before.jar and after.jar; see README.md.
set -e
cd "$(dirname "$0")"
P=sluice-single-busy-spin,disruptor-single-busy-spin,sluice-multi-busy-spin,disruptor-multi-busy-spin
for i in 1 2 3 4 5 6 7 8; do
  if (( i % 2 )); then order="before after"; else order="after before"; fi
  for v in $order; do
    java -jar $v.jar ProducerPath -p ring=$P -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $v-$i.json > $v-$i.log 2>&1
  done
done
