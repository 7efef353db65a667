#!/bin/bash
# Record rings against the flat and queue peers: 1P1C with busy-spinning consumers (8-byte and
# 64-byte records; with 64 idle pauses, and with slot markers too), 3P1C with yielding ones. Each launch is one JVM that measures every cell for
# a second after warm-up cells; the order of the cells reverses every other launch. Ten launches.
# Then two processes over a ring in a memory-mapped file, Sluice's MappedRecordRing against Agrona's
# OneToOneRingBuffer: throughput (ipc.tsv) and round trips (rtt.tsv), ten launches, order alternating.
# Then round trips between two threads of one JVM (JMH PingPongBenchmark, one fork per launch, six
# launches, the order of the pairs reversed every other launch) into pingpong.json.
#   JAR=path/to/benchmarks.jar ./run.sh [in-process|ipc|pingpong]   (default: all; jar: bench/target/benchmarks.jar)
# Then: python3 analyse.py
set -e
cd "$(dirname "$0")"
JAR=${JAR:-../../target/benchmarks.jar}
WARM="records-busy-spin:1 jctools-busy-spin:1 agrona-busy-spin:1"
CELLS="records-busy-spin:1 records-offer-busy-spin:1 jctools-busy-spin:1 agrona-busy-spin:1 disruptor-busy-spin:1
  sluice-busy-spin:1 speed-of-light:1 records-busy-spin-idle64:1 records-marked-busy-spin-idle64:1
  records64-busy-spin:1 agrona64-busy-spin:1
  records-yielding:3 jctools:3 agrona:3 disruptor-yielding:3 sluice-yielding:3"
REVERSED=$(echo $CELLS | tr ' ' '\n' | tac | tr '\n' ' ')
FLAGS=--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
PART=${1:-all}
if [[ $PART == all || $PART == in-process ]]; then
: > launches.tsv
for i in $(seq 1 10); do
  if (( i % 2 )); then cells=$CELLS; else cells=$REVERSED; fi
  # Each line: the launch, then ThroughputCells' own line (cell, contender, producers, events/s).
  java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp "$JAR" \
    io.sluice.bench.shootout.ThroughputCells --seconds 1 $WARM -- $cells | sed "s/^/$i\t/" >> launches.tsv
done
fi
if [[ $PART == all || $PART == ipc ]]; then
  : > ipc.tsv
  : > rtt.tsv
  for i in $(seq 1 10); do
    java $FLAGS -cp "$JAR" io.sluice.bench.ipc.IpcThroughput --launch $i | sed "s/^/$i\t/" >> ipc.tsv
    java $FLAGS -cp "$JAR" io.sluice.bench.ipc.IpcRoundTrip --launch $i | sed "s/^/$i\t/" >> rtt.tsv
  done
fi
if [[ $PART == all || $PART == pingpong ]]; then
  for i in $(seq 1 6); do
    if (( i % 2 )); then pairs=records,jctools,sluice,agrona; else pairs=agrona,sluice,jctools,records; fi
    java -jar "$JAR" PingPong -f 1 -p pair=$pairs -rf json -rff pingpong-$i.json > /dev/null
  done
  # One file for the study: each launch's JMH results, with the launch number.
  python3 - <<'PY'
import json, glob, os
runs = []
for name in sorted(glob.glob('pingpong-*.json'), key=lambda n: int(n[9:-5])):
    for r in json.load(open(name)):
        runs.append({'launch': int(name[9:-5]), 'pair': r['params']['pair'], 'nsPerRoundTrip': r['primaryMetric']['score']})
    os.remove(name)
json.dump(runs, open('pingpong.json', 'w'), indent=1)
PY
fi
