#!/bin/bash
# Ten rounds of ProducerPathBenchmark at one commit: each round launches every ring once, one fork
# each (JMH runs the params one after another), so the rings interleave across rounds.
# Expects bench/target/benchmarks.jar copied here as benchmarks.jar.
set -e
cd "$(dirname "$0")"
P=sluice-single-busy-spin,sluice.handle-single-busy-spin,sluice.claim-single-busy-spin,disruptor-single-busy-spin
P=$P,sluice-multi-busy-spin,sluice.handle-multi-busy-spin,sluice.claim-multi-busy-spin,disruptor-multi-busy-spin
for i in $(seq 1 "${1:-10}"); do
  java -jar benchmarks.jar ProducerPath -p ring=$P -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff round-$i.json > round-$i.log 2>&1
done
