"""1P1C busy spin, interleaved launches: per contender, all launches, split by regime, and each launch
against the Disruptor's launch of the same round.

python3 analyse.py DIR: the launches in DIR, from DIR/launches.json (every launch's JMH JSON by
"contender-round") or from the per-launch files rotated.sh writes (contender-round.json)."""
import glob, json, os, re, sys, statistics as st
HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
SLOW = 40.0  # M sends/s: below, a launch in the slow regime (a cache-line transfer per event)


def launches():
    """{(contender, round): score}, from launches.json if the study was packed, else the files."""
    packed = os.path.join(HERE, 'launches.json')
    if os.path.exists(packed):
        raw = json.load(open(packed)).items()
    else:
        raw = []
        for path in sorted(glob.glob(f'{HERE}/*-*.json')):
            try:
                raw.append((os.path.basename(path)[:-len('.json')], json.load(open(path))))
            except ValueError:
                continue  # a launch still running
    out = {}
    for name, results in raw:
        m = re.match(r'(.*)-(\d+)$', name)
        if results:
            out[(m.group(1), int(m.group(2)))] = results[0]['primaryMetric']['score']
    return out


LAUNCHES = launches()
scores = {}
by_round = {}
for (c, i), score in sorted(LAUNCHES.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    scores.setdefault(c, []).append(score)
    by_round.setdefault(c, {})[i] = score


def summary(v):
    return f"{st.median(v):.1f} ({min(v):.1f}-{max(v):.1f}), n={len(v)}" if v else "-"


for c, v in scores.items():
    fast = [x for x in v if x >= SLOW]; slow = [x for x in v if x < SLOW]
    print(f"{c:20} all {summary(v)} | fast {summary(fast)} | slow {summary(slow)} | slow share {len(slow)}/{len(v)}")


def fast_median(c):
    fast = [x for x in scores.get(c, []) if x >= SLOW]
    return st.median(fast) if fast else None


for peer in ('disruptor-busy-spin', 'jctools'):
    for c in scores:
        if c.startswith('sluice') and fast_median(c) and fast_median(peer):
            print(f"fast-regime median {c} / {peer}: {fast_median(c) / fast_median(peer):.2f}")
# Per round: each contender against the Disruptor's launch of the same round (the regime follows
# windows of time, so a same-round ratio compares launches that ran close together).
base = by_round.get('disruptor-busy-spin', {})
for c in sorted(by_round):
    if c == 'disruptor-busy-spin':
        continue
    r = sorted(by_round[c][i] / base[i] for i in by_round[c] if i in base)
    if r:
        n = len(r)
        print(f"per-round {c} / disruptor-busy-spin: median {st.median(r):.2f} (quartiles {r[n // 4]:.2f}-{r[(3 * n) // 4]:.2f}, "
              f"min {r[0]:.2f}, max {r[-1]:.2f}), {n} rounds, all launches' median {st.median(by_round[c].values()):.1f} M/s")
