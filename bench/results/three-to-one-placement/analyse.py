#!/usr/bin/env python3
"""Reads launches.tsv (run.sh) and prints, per placement and consumer, each engine's rate in M
events/s, median (min-max); Sluice / Disruptor within the same launch, median (min-max); and how
many launches ran slow (under 15 M/s) for each engine."""
import collections
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SLOW = 15e6
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "launches.tsv")
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
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


print("| Placement | Consumer | Sluice, M/s | Disruptor, M/s | Sluice / Disruptor | slow launches, Sluice / Disruptor |")
print("|---|---|---|---|---|---|")
for placement in order:
    launches = [v for (l, p), v in rates.items() if p == placement]
    for strategy in ("yielding", "sleeping"):
        s = [v[f"sluice-{strategy}"] for v in launches]
        d = [v[f"disruptor-{strategy}"] for v in launches]
        ratio = [a / b for a, b in zip(s, d)]
        shown = placement.replace("|", "\\|")
        print(f"| `{shown}` | {strategy} | {spread([x / 1e6 for x in s], 1)} | {spread([x / 1e6 for x in d], 1)} "
              f"| {spread(ratio, 2)} | {sum(x < SLOW for x in s)} / {sum(x < SLOW for x in d)} of {len(launches)} |")
