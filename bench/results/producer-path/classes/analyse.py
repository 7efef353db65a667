"""Per round and jar, the Disruptor's ns/event over each Sluice variant's (above 1: Sluice faster),
and after/before ns/event per variant; a classed handle's ns/event over a plain handle's claim.
Median (min-max) over the rounds."""
import glob, json, os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
rounds = {}
for jar in ('before', 'after'):
    for path in sorted(glob.glob(f'{HERE}/{jar}-*.json')):
        n = int(path.rsplit('-', 1)[1].split('.')[0])
        for r in json.load(open(path)):
            rounds.setdefault(n, {}).setdefault(jar, {})[r['params']['ring']] = r['primaryMetric']['score']
def summary(values):
    return f"{st.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
for kind in ('single', 'multi'):
    d = f'disruptor-{kind}-busy-spin'
    for variant in ('sluice', 'sluice.handle', 'sluice.claim', 'sluice.classed'):
        key = f'{variant}-{kind}-busy-spin'
        for jar in ('before', 'after'):
            rows = [(m[jar][d] / m[jar][key], m[jar][key]) for m in rounds.values() if jar in m and key in m[jar]]
            if rows:
                print(f"{kind:6} {variant:14} {jar:6} rounds={len(rows)} disruptor/sluice {summary([a for a, _ in rows])}"
                      f"  ns/event {summary([b for _, b in rows])}")
        change = [m['after'][key] / m['before'][key] for m in rounds.values()
                  if 'before' in m and 'after' in m and key in m['before'] and key in m['after']]
        if change:
            print(f"{kind:6} {variant:14} after/before ns/event {summary(change)}")
    classed = [m['after'][f'sluice.classed-{kind}-busy-spin'] / m['after'][f'sluice.claim-{kind}-busy-spin']
               for m in rounds.values() if 'after' in m and f'sluice.classed-{kind}-busy-spin' in m['after']]
    if classed:
        print(f"{kind:6} classed claim / plain claim ns/event {summary(classed)}")
