#!/bin/bash
# The producer's fast path, before and after it was built per producer kind, interleaved.
#   ./run.sh [ROUNDS]     default 10
# Expects, in this folder: before.jar (bench/target/benchmarks.jar at the commit before the
# change), current.jar (at the change) and noclose.jar (the change with the single-producer
# claim's closed-ring read taken out: an experiment, unsafe, never shipped). Each round launches
# the three jars once each, in an order that rotates per round; one fork per ring per launch.
set -e
cd "$(dirname "$0")"
ALL=sluice-single-busy-spin,sluice.handle-single-busy-spin,sluice.claim-single-busy-spin,disruptor-single-busy-spin
ALL=$ALL,sluice-multi-busy-spin,sluice.handle-multi-busy-spin,sluice.claim-multi-busy-spin,disruptor-multi-busy-spin
SINGLE=sluice-single-busy-spin,sluice.handle-single-busy-spin,sluice.claim-single-busy-spin
jars=(before current noclose)
for i in $(seq 1 "${1:-10}"); do
  for k in 0 1 2; do
    jar=${jars[$(( (i + k) % 3 ))]}
    rings=$ALL; [ "$jar" = noclose ] && rings=$SINGLE
    java -jar $jar.jar ProducerPath -p ring=$rings -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $jar-$i.json > $jar-$i.log 2>&1
  done
done
