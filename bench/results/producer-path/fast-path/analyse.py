"""The producer path before and after the per-kind fast path, and without the single-producer
closed-ring read: ns per event per jar and ring, median (min-max) over the rounds, and per-round
ratios (within a round the jars ran back to back)."""
import glob, json, os, re, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
runs = {}  # (jar, round) -> {ring: ns}
for path in glob.glob(f'{HERE}/*-*.json'):
    jar, rnd = re.match(r'(\w+)-(\d+)\.json', os.path.basename(path)).groups()
    try:
        results = json.load(open(path))
    except json.JSONDecodeError:
        continue  # a launch still running, or one that failed: its log says which
    runs[(jar, int(rnd))] = {r['params']['ring']: r['primaryMetric']['score'] for r in results}
rounds = sorted({r for _, r in runs})
def summary(values):
    return f"{st.median(values):.2f} ({min(values):.2f}-{max(values):.2f}), n={len(values)}"
def values(jar, ring):
    return [runs[(jar, r)][ring] for r in rounds if (jar, r) in runs and ring in runs[(jar, r)]]
def ratios(num, den):
    (nj, nr), (dj, dr) = num, den
    return [runs[(nj, r)][nr] / runs[(dj, r)][dr] for r in rounds
            if (nj, r) in runs and (dj, r) in runs and nr in runs[(nj, r)] and dr in runs[(dj, r)]]
print(f"rounds: {len(rounds)}")
for kind in ('single', 'multi'):
    for jar in ('before', 'current', 'noclose'):
        for ring in ('sluice', 'sluice.handle', 'sluice.claim', 'disruptor'):
            v = values(jar, f'{ring}-{kind}-busy-spin')
            if v:
                print(f"{kind:6} {jar:8} {ring:13} ns/event {summary(v)}")
    k = lambda ring: f'{ring}-{kind}-busy-spin'
    for label, num, den in (
            ("after/before, raw on the handle", ('current', k('sluice.handle')), ('before', k('sluice.handle'))),
            ("after/before, claim object", ('current', k('sluice.claim')), ('before', k('sluice.claim'))),
            ("after: claim / raw on the handle", ('current', k('sluice.claim')), ('current', k('sluice.handle'))),
            ("after: claim / raw on the ring", ('current', k('sluice.claim')), ('current', k('sluice'))),
            ("after: handle / raw on the ring", ('current', k('sluice.handle')), ('current', k('sluice'))),
            ("after: disruptor / sluice raw on the ring", ('current', k('disruptor')), ('current', k('sluice'))),
            ("after: disruptor / sluice claim", ('current', k('disruptor')), ('current', k('sluice.claim'))),
            ("no closed-ring read / after, raw on the ring", ('noclose', k('sluice')), ('current', k('sluice'))),
            ("no closed-ring read / after, handle", ('noclose', k('sluice.handle')), ('current', k('sluice.handle'))),
            ("no closed-ring read / after, claim", ('noclose', k('sluice.claim')), ('current', k('sluice.claim')))):
        r = ratios(num, den)
        if r:
            print(f"{kind:6} {label}: {summary(r)}")
