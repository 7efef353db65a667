"""Blocking queues, launch by launch: each cell's rate (M per second) per launch and median, then
each ratio the benchmarks page quotes, taken within a launch (both cells ran in the same JVM), as
its median over the launches with the lowest and highest."""
import os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
rates = {}
for line in open(f'{HERE}/launches.tsv'):
    launch, _, cell, rate = line.rstrip('\n').split('\t')
    rates.setdefault(cell, {})[int(launch)] = float(rate) / 1e6
print(f"{'cell':32} median  launches (M/s)")
for cell, by_launch in rates.items():
    values = [by_launch[k] for k in sorted(by_launch)]
    print(f"{cell:32} {st.median(values):6.2f}  {' '.join(f'{v:5.1f}' for v in values)}")
PAIRS = [(f'handoff:{s}:{p}', f'handoff:{o}:{p}') for p, variant in ((1, 'sluice-one-to-one'), (3, 'sluice-one-consumer'))
         for s in ('sluice', variant) for o in ('abq', 'lbq', 'ltq', 'conversant')]
PAIRS += [('executor:sluice', f'executor:{o}') for o in ('abq', 'lbq', 'lbq-unbounded', 'conversant')]
print()
print(f"{'ratio':60} median  (min-max)    launches")
for a, b in PAIRS:
    ratios = [rates[a][k] / rates[b][k] for k in sorted(rates[a]) if k in rates[b]]
    print(f"{a + ' / ' + b:60} {st.median(ratios):5.2f}  ({min(ratios):.2f}-{max(ratios):.2f})  {len(ratios)}")
