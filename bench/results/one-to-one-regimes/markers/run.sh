#!/bin/bash
# Experiment: a single-producer ring whose consumers learn availability from per-slot markers
# instead of the cursor (markers.jar) against the cursor (current.jar), 1P1C busy spin, with the
# Disruptor from current.jar as the regime reference. One fork per launch, contenders interleaved,
# the order of the two Sluice jars alternating per round. Then the producer's own path, both jars.
#   ./run.sh [FIRST LAST [nopath [jctools]]]   rounds FIRST..LAST (default 1 10), then the producer path
#        unless the third argument is 'nopath'; a fourth, 'jctools', adds a JCTools SPSC launch per round.
#        Expects current.jar and markers.jar here.
cd "$(dirname "$0")"
for i in $(seq "${1:-1}" "${2:-10}"); do
  if [ $((i % 2)) = 1 ]; then order="current markers"; else order="markers current"; fi
  for jar in $order; do
    java -jar $jar.jar OneToOne -p contender=sluice-busy-spin -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff $jar-sluice-$i.json > $jar-sluice-$i.log 2>&1
  done
  java -jar current.jar OneToOne -p contender=disruptor-busy-spin -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff current-disruptor-$i.json > current-disruptor-$i.log 2>&1
  if [ "${4:-}" = jctools ]; then
    java -jar current.jar OneToOne -p contender=jctools -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff current-jctools-$i.json > current-jctools-$i.log 2>&1
  fi
done
[ "${3:-}" = nopath ] && exit 0
for i in 1 2 3; do
  for jar in current markers; do
    java -jar $jar.jar ProducerPath -p ring=sluice-single-busy-spin,sluice.claim-single-busy-spin -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff path-$jar-$i.json > path-$jar-$i.log 2>&1
  done
done
