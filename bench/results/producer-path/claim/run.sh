#!/bin/bash
cd "$(dirname "$0")"
OLD=sluice-single-busy-spin,disruptor-single-busy-spin,sluice-multi-busy-spin,disruptor-multi-busy-spin
NEW=$OLD,sluice.handle-single-busy-spin,sluice.handle-multi-busy-spin,sluice.claim-single-busy-spin,sluice.claim-multi-busy-spin
for i in 1 2 3 4; do
  if (( i % 2 )); then order="before after"; else order="after before"; fi
  for v in $order; do
    if [ $v = before ]; then P=$OLD; else P=$NEW; fi
    java -jar $v.jar ProducerPath -p ring=$P -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $v-$i.json > $v-$i.log 2>&1
  done
done
