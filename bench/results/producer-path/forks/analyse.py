"""Per ring, ns per event over the rounds, median (min-max); per round the ratios the benchmarks doc quotes."""
import glob, json, os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
rounds = []
for path in sorted(glob.glob(f'{HERE}/round-*.json')):
    rounds.append({r['params']['ring']: r['primaryMetric']['score'] for r in json.load(open(path))})
def summary(values):
    return f"{st.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
print(f"rounds: {len(rounds)}")
for kind in ('single', 'multi'):
    for ring in ('sluice', 'sluice.handle', 'sluice.claim', 'disruptor'):
        key = f'{ring}-{kind}-busy-spin'
        print(f"{kind:6} {ring:13} ns/event {summary([r[key] for r in rounds])}")
    s, h, c, d = (f'{x}-{kind}-busy-spin' for x in ('sluice', 'sluice.handle', 'sluice.claim', 'disruptor'))
    print(f"{kind:6} disruptor/sluice raw {summary([r[d] / r[s] for r in rounds])}; claim/raw on the ring "
          f"{summary([r[c] / r[s] for r in rounds])}; claim/raw on the handle {summary([r[c] / r[h] for r in rounds])}")
