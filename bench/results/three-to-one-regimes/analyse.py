"""Per cell: events/s of each launch (M/s), the median, and how many launches fell slow (under
15 M/s: the two regimes of this host lie near 8-13 and 20-35 M/s), with the median in each regime."""
import os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
cells = {}
for line in open(f'{HERE}/launches.tsv'):
    launch, _, contender, producers, rate = line.split('\t')
    cells.setdefault(f'{contender}:{producers}', []).append(float(rate) / 1e6)
def med(values):
    return f"{st.median(values):5.1f}" if values else "    -"
print(f"{'cell':34} {'launches (M events/s)':60} median  slow  slow-median fast-median")
for cell, rates in cells.items():
    slow = [r for r in rates if r < 15]
    fast = [r for r in rates if r >= 15]
    print(f"{cell:34} {' '.join(f'{r:5.1f}' for r in rates):60} {med(rates)}  {len(slow):2}/{len(rates):<2} {med(slow)}       {med(fast)}")
