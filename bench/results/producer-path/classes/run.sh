#!/bin/bash
# Four rounds of ProducerPathBenchmark, alternating before.jar (before producer classes) and
# after.jar (with them), one fork each; see README.md.
set -e
cd "$(dirname "$0")"
OLD=sluice-single-busy-spin,sluice-multi-busy-spin,sluice.handle-single-busy-spin,sluice.handle-multi-busy-spin
OLD=$OLD,sluice.claim-single-busy-spin,sluice.claim-multi-busy-spin,disruptor-single-busy-spin,disruptor-multi-busy-spin
NEW=$OLD,sluice.classed-single-busy-spin,sluice.classed-multi-busy-spin
for i in 1 2 3 4; do
  if (( i % 2 )); then order="before after"; else order="after before"; fi
  for v in $order; do
    if [ $v = before ]; then P=$OLD; else P=$NEW; fi
    java -jar $v.jar ProducerPath -p ring=$P -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $v-$i.json > $v-$i.log 2>&1
  done
done
