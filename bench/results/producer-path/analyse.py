"""Prints, per jar and producer kind, the ratio Disruptor ns / Sluice ns per round: median (min-max)."""
import glob, json, os, statistics as st

HERE = os.path.dirname(os.path.abspath(__file__))
rounds = {}
for jar in ('before', 'after'):
    for path in sorted(glob.glob(f'{HERE}/{jar}-*.json')):
        number = int(path.rsplit('-', 1)[1].split('.')[0])
        for result in json.load(open(path)):
            rounds.setdefault((jar, number), {})[result['params']['ring']] = result['primaryMetric']['score']
for jar in ('before', 'after'):
    for kind in ('single', 'multi'):
        ratios, sluice, disruptor = [], [], []
        for (j, _), scores in sorted(rounds.items()):
            s, d = scores.get(f'sluice-{kind}-busy-spin'), scores.get(f'disruptor-{kind}-busy-spin')
            if j == jar and s and d:
                ratios.append(d / s); sluice.append(s); disruptor.append(d)
        if ratios:
            print(f'{jar:6} {kind:6} rounds={len(ratios)} ratio {st.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}); '
                  f'Sluice ns/event {st.median(sluice):.2f} ({min(sluice):.2f}-{max(sluice):.2f}); '
                  f'Disruptor {st.median(disruptor):.2f} ({min(disruptor):.2f}-{max(disruptor):.2f})')
