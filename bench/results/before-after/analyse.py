"""One build against another, per benchmark: the time an event takes with OTHER over the time it
took with BASE (above 1: slower), per round, then the median and the range over the rounds; and
each benchmark's median with OTHER, with its range, as the benchmarks page quotes it.
    python3 analyse.py BASE OTHER      (jar names given to run.sh; default: before after)"""
import json, os, statistics as st, sys
BASE, OTHER = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ('before', 'after')
HERE = os.path.dirname(os.path.abspath(__file__))
rows = {}
# results.json: {study: {jar: {round: JMH's -rf json output}}}, merged by run.sh
merged = json.load(open(f'{HERE}/results.json'))
runs = [(study, jar, n, r) for study, jars in merged.items() for jar, rounds in jars.items()
        for n, results in rounds.items() for r in results]
for study, jar, n, r in runs:
        param = next(iter(r['params'].values()))
        score, unit = r['primaryMetric']['score'], r['primaryMetric']['scoreUnit']
        # A time per operation as it stands; a rate turned into a time per operation.
        seconds = score if unit.endswith('/op') else 1 / score
        rows.setdefault((study, param), {}).setdefault(n, {})[jar] = (seconds, score, unit)
names = {'path': 'ProducerPath', 'one': '1P1C OneToOne', 'three': '3P1C ThreeToOne'}
print(f"{'benchmark':16} {'variant':32} {'rounds':>6} {BASE:>12} {OTHER:>12} {OTHER + '/' + BASE + ' time':>22}")
for (study, param), rounds in sorted(rows.items()):
    both = [r for r in rounds.values() if BASE in r and OTHER in r]
    if not both:
        continue
    ratio = [r[OTHER][0] / r[BASE][0] for r in both]
    unit = both[0][OTHER][2]
    before = st.median(r[BASE][1] for r in both)
    afters = [r[OTHER][1] for r in both]
    print(f"{names[study]:16} {param:32} {len(both):6} {before:12.4g} {st.median(afters):12.4g} "
          f"{st.median(ratio):6.3f} ({min(ratio):.3f}-{max(ratio):.3f})  [{unit}]  "
          f"after {st.median(afters):.3g} ({min(afters):.3g}-{max(afters):.3g})")
