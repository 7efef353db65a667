"""Per round, Disruptor ns / Sluice ns for each Sluice variant; and claim/raw times. Median (min-max) over rounds."""
import glob, json, os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
rounds = {}
for jar in ('before', 'after'):
    for path in sorted(glob.glob(f'{HERE}/{jar}-*.json')):
        n = int(path.rsplit('-', 1)[1].split('.')[0])
        for r in json.load(open(path)):
            rounds.setdefault((jar, n), {})[r['params']['ring']] = r['primaryMetric']['score']
def summary(values):
    return f"{st.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
for kind in ('single', 'multi'):
    for jar in ('before', 'after'):
        for variant in ('sluice', 'sluice.handle', 'sluice.claim'):
            key = f'{variant}-{kind}-busy-spin'
            rows = [(m[f'disruptor-{kind}-busy-spin'] / m[key], m[key]) for (j, _), m in rounds.items() if j == jar and key in m]
            if rows:
                print(f"{kind:6} {jar:6} {variant:13} rounds={len(rows)} disruptor/sluice {summary([a for a, _ in rows])}  ns/event {summary([b for _, b in rows])}")
        d = [m[f'disruptor-{kind}-busy-spin'] for (j, _), m in rounds.items() if j == jar]
        if d:
            print(f"{kind:6} {jar:6} {'disruptor':13} ns/event {summary(d)}")
    rows = [(m[f'sluice.claim-{kind}-busy-spin'] / m[f'sluice-{kind}-busy-spin'], m[f'sluice.claim-{kind}-busy-spin'] / m[f'sluice.handle-{kind}-busy-spin'])
            for (j, _), m in rounds.items() if j == 'after']
    if rows:
        print(f"{kind:6} claim time / ring raw {summary([a for a, _ in rows])}; claim time / handle raw {summary([b for _, b in rows])}")
