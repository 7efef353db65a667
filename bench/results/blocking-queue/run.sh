#!/bin/bash
# Blocking queues as their users use them: producers put, one consumer takes (1P1C, 3P1C), and a
# ThreadPoolExecutor of two threads running short tasks, on Sluice's RingBlockingQueue (default,
# and the single-producer/-consumer variants), the JDK's ArrayBlockingQueue, LinkedBlockingQueue,
# LinkedTransferQueue and Conversant's DisruptorBlockingQueue. Each launch is one JVM that
# measures every cell for a second after a second of warm-up; the order of the cells reverses
# every other launch. Eight launches into launches.tsv.
#   JAR=path/to/benchmarks.jar ./run.sh        (default jar: bench/target/benchmarks.jar)
# Then: python3 analyse.py
set -e
cd "$(dirname "$0")"
JAR=${JAR:-../../target/benchmarks.jar}
WARM="handoff:abq:1 handoff:sluice:1 executor:abq executor:sluice"
CELLS="handoff:sluice:1 handoff:sluice-one-to-one:1 handoff:abq:1 handoff:lbq:1 handoff:ltq:1 handoff:conversant:1
  handoff:sluice:3 handoff:sluice-one-consumer:3 handoff:abq:3 handoff:lbq:3 handoff:ltq:3 handoff:conversant:3
  executor:sluice executor:abq executor:lbq executor:lbq-unbounded executor:conversant"
REVERSED=$(echo $CELLS | tr ' ' '\n' | tac | tr '\n' ' ')
: > launches.tsv
for i in $(seq 1 8); do
  if (( i % 2 )); then cells=$CELLS; else cells=$REVERSED; fi
  # Each line: the launch, then QueueHandOff's own line (cell, per second).
  java -cp "$JAR" io.sluice.bench.queue.QueueHandOff --seconds 1 $WARM -- $cells | sed "s/^/$i\t/" >> launches.tsv
done
