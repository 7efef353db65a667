#!/usr/bin/env python3
"""Reads launches.tsv (run.sh) and prints, per placement and wait strategy, each engine's median
rate (min-max) in M events/s and Sluice / Disruptor within the same launch, median (min-max)."""
import collections
import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "launches.tsv"
rates = collections.defaultdict(dict)  # (launch, placement) -> contender -> events/s
order = []
for line in open(path):
    launch, placement, kind, contender, producers, rate = line.rstrip("\n").split("\t")
    if kind != "cell":
        continue
    if placement not in order:
        order.append(placement)
    rates[(launch, placement)][contender] = float(rate)


def spread(values, digits):
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


print("| Placement (CPU 0 | CPU 1) | Consumer | Sluice, M/s | Disruptor, M/s | Sluice / Disruptor |")
print("|---|---|---|---|---|---|")
for placement in order:
    launches = [v for (l, p), v in rates.items() if p == placement]
    for strategy in ("yielding", "sleeping"):
        s = [v[f"sluice-{strategy}"] / 1e6 for v in launches]
        d = [v[f"disruptor-{strategy}"] / 1e6 for v in launches]
        ratio = [v[f"sluice-{strategy}"] / v[f"disruptor-{strategy}"] for v in launches]
        shown = placement.replace("|", " \\| ")
        print(f"| {shown} | {strategy} | {spread(s, 1)} | {spread(d, 1)} | {spread(ratio, 2)} |")
