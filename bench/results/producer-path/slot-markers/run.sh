#!/bin/bash
# The producer's own path on the ring with slot markers, beside the cursor ring and the Disruptor:
# ROUNDS rounds (default 5), each one fork per ring. Expects bench/target/benchmarks.jar copied here.
cd "$(dirname "$0")"
for i in $(seq 1 "${1:-5}"); do
  java -jar benchmarks.jar ProducerPath \
    -p ring=sluice-single-busy-spin,sluice-marked-busy-spin,sluice.claim-single-busy-spin,sluice.claim-marked-busy-spin,disruptor-single-busy-spin \
    -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff path-$i.json > path-$i.log 2>&1
done
