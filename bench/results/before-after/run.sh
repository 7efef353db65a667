#!/bin/bash
# Builds of Sluice against each other, round by round: ProducerPathBenchmark (the producer's own
# path, nine variants), OneToOne and ThreeToOne (1P1C, 3P1C) with busy-spinning, yielding and
# blocking consumers. Each round runs every jar, one fork per benchmark and jar, in an order that
# rotates from round to round.
#   JARS="before=path/a.jar after=path/b.jar [name=path ...]" ROUNDS=10 ./run.sh
#   (a jar is bench/target/benchmarks.jar built at a commit; keep the jars out of git)
# Then: python3 analyse.py BASE OTHER   (the names of two jars)
set -e
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-10}
read -r -a JAR_LIST <<< "${JARS:?set JARS to name=jar pairs}"
PATHS=sluice-single-busy-spin,sluice-multi-busy-spin,sluice-marked-busy-spin
PATHS=$PATHS,sluice.handle-single-busy-spin,sluice.handle-multi-busy-spin,sluice.handle-marked-busy-spin
PATHS=$PATHS,sluice.claim-single-busy-spin,sluice.claim-multi-busy-spin,sluice.claim-marked-busy-spin
CONSUMERS=sluice-busy-spin,sluice-yielding,sluice-blocking
n=${#JAR_LIST[@]}
for i in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((n - 1))); do
    entry=${JAR_LIST[$(( (i + k) % n ))]}
    name=${entry%%=*}; jar=${entry#*=}
    java -jar "$jar" ProducerPath -p ring=$PATHS -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff "path-$name-$i.json" > /dev/null 2>&1
    java -jar "$jar" OneToOne -p contender=$CONSUMERS -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff "one-$name-$i.json" > /dev/null 2>&1
    java -jar "$jar" ThreeToOne -p multi=$CONSUMERS -f 1 -wi 2 -i 3 -w 1s -r 1s -rf json -rff "three-$name-$i.json" > /dev/null 2>&1
  done
done
# One file for the study: {benchmark: {jar: {round: JMH's output}}}.
python3 - <<'MERGE'
import glob, json, os
merged = {}
for path in sorted(glob.glob('*-*-*.json')):
    study, jar, n = path[:-5].split('-')
    merged.setdefault(study, {}).setdefault(jar, {})[n] = json.load(open(path))
    os.remove(path)
json.dump(merged, open('results.json', 'w'), indent=1)
MERGE
