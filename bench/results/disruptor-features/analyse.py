"""After against before, per benchmark: the time an event takes after over the time it took
before (above 1: slower), per round, then the median and the range over the rounds; and each
benchmark's median after, with its range, as the benchmarks page quotes it."""
import json, os, statistics as st
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
print(f"{'benchmark':16} {'variant':32} {'rounds':>6} {'before':>12} {'after':>12} {'after/before time':>22}")
for (study, param), rounds in sorted(rows.items()):
    both = [r for r in rounds.values() if 'before' in r and 'after' in r]
    if not both:
        continue
    ratio = [r['after'][0] / r['before'][0] for r in both]
    unit = both[0]['after'][2]
    before = st.median(r['before'][1] for r in both)
    afters = [r['after'][1] for r in both]
    print(f"{names[study]:16} {param:32} {len(both):6} {before:12.4g} {st.median(afters):12.4g} "
          f"{st.median(ratio):6.3f} ({min(ratio):.3f}-{max(ratio):.3f})  [{unit}]  "
          f"after {st.median(afters):.3g} ({min(afters):.3g}-{max(afters):.3g})")
