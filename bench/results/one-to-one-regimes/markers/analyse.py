"""The per-slot-marker experiment: 1P1C busy spin per round (cursor build, marker build, the
Disruptor), the ratio of the two Sluice builds within each round, split by regime, and the
producer's own path for both builds."""
import glob, json, os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
SLOW = 40.0  # M sends/s, as ../analyse.py
def score(path):
    return json.load(open(path))[0]['primaryMetric']['score']
def summary(v):
    return f"{st.median(v):.2f} ({min(v):.2f}-{max(v):.2f}), n={len(v)}" if v else "-"
rounds = sorted(int(p.rsplit('-', 1)[1][:-5]) for p in glob.glob(f'{HERE}/current-disruptor-*.json'))
rows = [(i, score(f'{HERE}/current-sluice-{i}.json'), score(f'{HERE}/markers-sluice-{i}.json'),
         score(f'{HERE}/current-disruptor-{i}.json')) for i in rounds]
print("round  cursor  markers  disruptor   (M sends/s)")
for i, c, m, d in rows:
    print(f"{i:5} {c:7.1f} {m:8.1f} {d:10.1f}")
for name, col in (('cursor', 1), ('markers', 2), ('disruptor', 3)):
    v = [r[col] for r in rows]
    fast = [x for x in v if x >= SLOW]
    print(f"{name:9} fast {summary(fast)} | slow {summary([x for x in v if x < SLOW])} | slow share {len(v) - len(fast)}/{len(v)}")
both_slow = [m / c for _, c, m, _ in rows if c < SLOW and m < SLOW]
print(f"markers / cursor, rounds where both were slow: {summary(both_slow)}")
both_fast = [m / c for _, c, m, _ in rows if c >= SLOW and m >= SLOW]
print(f"markers / cursor, rounds where both were fast: {summary(both_fast)}")
jct = [score(p) for p in sorted(glob.glob(f'{HERE}/current-jctools-*.json'))]
print(f"jctools (rounds that ran it) {summary(jct)}")
def fast_median(col):
    fast = [r[col] for r in rows if r[col] >= SLOW]
    return st.median(fast) if fast else None
if fast_median(2) and fast_median(3):
    print(f"fast-regime medians: markers / disruptor {fast_median(2) / fast_median(3):.2f}; cursor / disruptor "
          f"{fast_median(1) / fast_median(3):.2f}" + (f"; markers / jctools {fast_median(2) / st.median(jct):.2f}" if jct else ""))
for jar in ('current', 'markers'):
    runs = [{r['params']['ring']: r['primaryMetric']['score'] for r in json.load(open(p))}
            for p in sorted(glob.glob(f'{HERE}/path-{jar}-*.json'))]
    for ring in ('sluice-single-busy-spin', 'sluice.claim-single-busy-spin'):
        print(f"producer path {jar:8} {ring:30} ns/event {summary([r[ring] for r in runs])}")
