#!/bin/bash
# 3P1C with yielding and sleeping consumers, Sluice and the Disruptor, with each thread pinned to a
# chosen vCPU of a 2-vCPU host (ThreadPlacement), against the scheduler's own placement. Each launch
# is a JVM warmed by 1P1C cells as a shootout round's is; which engine goes first alternates.
#   JAR=path/to/benchmarks.jar LAUNCHES=6 ./run.sh   (default: bench/target/benchmarks.jar, 6)
# Then: python3 analyse.py
set -e
cd "$(dirname "$0")"
JAR=${JAR:-../../target/benchmarks.jar}
LAUNCHES=${LAUNCHES:-6}
WARM="sluice-busy-spin:1 disruptor-busy-spin:1 sluice-yielding:1 disruptor-yielding:1"
SLUICE="sluice-yielding:3 sluice-sleeping:3"
DISRUPTOR="disruptor-yielding:3 disruptor-sleeping:3"
# name, consumer's cpu, producers' cpus ("" = the scheduler's choice)
PLACEMENTS=(
  "unplaced;;"
  "C|PPP;1;0,0,0"
  "CP|PP;0;0,1,1"
  "CPP|P;0;0,0,1"
  "CPPP|-;0;0,0,0"
)
: > launches.tsv
for i in $(seq 1 "$LAUNCHES"); do
  for p in "${PLACEMENTS[@]}"; do
    IFS=';' read -r name consumer producers <<< "$p"
    if (( i % 2 )); then cells="$SLUICE $DISRUPTOR"; else cells="$DISRUPTOR $SLUICE"; fi
    # Each line: the launch, the placement, then ThroughputCells' own line.
    java -Dsluice.bench.consumerCpu="$consumer" -Dsluice.bench.producerCpus="$producers" \
      -cp "$JAR" io.sluice.bench.shootout.ThroughputCells --seconds 1 $WARM -- $cells 2>/dev/null \
      | sed "s/^/$i\t$name\t/" >> launches.tsv
  done
done
