"""Producer path, ns per event: per ring, the median over rounds (min-max), and each Sluice ring's
ratio to the cursor ring of the same kind in the same round. python3 analyse.py [DIR]"""
import glob, json, os, sys, statistics as st
HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rounds = []
for path in sorted(glob.glob(f'{HERE}/path-*.json')):
    rounds.append({r['params']['ring']: r['primaryMetric']['score'] for r in json.load(open(path))})
rings = sorted({k for r in rounds for k in r})
for ring in rings:
    v = [r[ring] for r in rounds if ring in r]
    print(f"{ring:32} {st.median(v):.2f} ({min(v):.2f}-{max(v):.2f}) ns, {len(v)} rounds")
for marked, plain in (('sluice-marked-busy-spin', 'sluice-single-busy-spin'),
                      ('sluice.claim-marked-busy-spin', 'sluice.claim-single-busy-spin')):
    q = sorted(r[marked] / r[plain] for r in rounds if marked in r and plain in r)
    if q:
        print(f"{marked} / {plain}: median {st.median(q):.2f} ({q[0]:.2f}-{q[-1]:.2f})")
