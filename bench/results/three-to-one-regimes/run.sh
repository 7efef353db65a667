#!/bin/bash
# 3P1C with yielding and sleeping consumers, Sluice and the Disruptor, each launch a JVM warmed by
# 1P1C cells as a shootout round's is; which engine goes first alternates. Ten launches.
#   JAR=path/to/benchmarks.jar ./run.sh   (default: bench/target/benchmarks.jar)
# Then: python3 analyse.py
set -e
cd "$(dirname "$0")"
JAR=${JAR:-../../target/benchmarks.jar}
WARM="sluice-busy-spin:1 disruptor-busy-spin:1 sluice-yielding:1 disruptor-yielding:1"
SLUICE="sluice-yielding:3 sluice-sleeping:3 sluice-yielding@park-at-once:3 sluice-yielding-100:3"
DISRUPTOR="disruptor-yielding:3 disruptor-sleeping:3"
: > launches.tsv
for i in $(seq 1 10); do
  if (( i % 2 )); then cells="$SLUICE $DISRUPTOR"; else cells="$DISRUPTOR $SLUICE"; fi
  # Each line: the launch, then ThroughputCells' own line.
  java -cp "$JAR" io.sluice.bench.shootout.ThroughputCells --seconds 1 $WARM -- $cells | sed "s/^/$i\t/" >> launches.tsv
done
