#!/bin/bash
# The Disruptor features (batch publishing, exception handlers, rewindable batches, early release,
# processor stages, the single-producer check), before against after: eight rounds, the two jars
# alternating and the order flipped each round, one fork per benchmark and jar per round.
#   BEFORE, AFTER: bench/target/benchmarks.jar built at the commit before the features and with them
#   (default: before.jar and after.jar in this folder, which git ignores)
# Then: python3 analyse.py
set -e
cd "$(dirname "$0")"
BEFORE=${BEFORE:-before.jar}
AFTER=${AFTER:-after.jar}
PATHS=sluice-single-busy-spin,sluice-multi-busy-spin,sluice-marked-busy-spin
PATHS=$PATHS,sluice.handle-single-busy-spin,sluice.handle-multi-busy-spin,sluice.handle-marked-busy-spin
PATHS=$PATHS,sluice.claim-single-busy-spin,sluice.claim-multi-busy-spin,sluice.claim-marked-busy-spin
for i in $(seq 1 8); do
  if (( i % 2 )); then order="before after"; else order="after before"; fi
  for v in $order; do
    if [ $v = before ]; then jar=$BEFORE; else jar=$AFTER; fi
    java -jar $jar ProducerPath -p ring=$PATHS -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff path-$v-$i.json > /dev/null 2>&1
    java -jar $jar OneToOne -p contender=sluice-busy-spin,sluice-yielding -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff one-$v-$i.json > /dev/null 2>&1
  done
done
# One file for the study: {study: {jar: {round: JMH's output}}}.
python3 - <<'MERGE'
import glob, json, os
merged = {}
for path in sorted(glob.glob('*-*-*.json')):
    study, jar, n = path[:-5].split('-')
    merged.setdefault(study, {}).setdefault(jar, {})[n] = json.load(open(path))
    os.remove(path)
json.dump(merged, open('results.json', 'w'), indent=1)
MERGE
