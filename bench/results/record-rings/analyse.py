"""Record rings against their peers, launch by launch: each cell's rate (M events/s) per launch
and median, then each ratio the benchmarks page quotes, taken within a launch (both cells ran in
the same JVM), as its median over the launches with the lowest and highest."""
import os, statistics as st
HERE = os.path.dirname(os.path.abspath(__file__))
rates = {}
for line in open(f'{HERE}/launches.tsv'):
    launch, _, contender, producers, rate = line.rstrip('\n').split('\t')
    rates.setdefault(f'{contender}:{producers}', {})[int(launch)] = float(rate) / 1e6
print(f"{'cell':28} median  launches (M events/s)")
for cell, by_launch in rates.items():
    values = [by_launch[k] for k in sorted(by_launch)]
    print(f"{cell:28} {st.median(values):6.1f}  {' '.join(f'{v:5.1f}' for v in values)}")
PAIRS = [
    ('records-busy-spin:1', 'jctools-busy-spin:1'),
    ('records-busy-spin:1', 'agrona-busy-spin:1'),
    ('records-busy-spin:1', 'disruptor-busy-spin:1'),
    ('records-busy-spin:1', 'sluice-busy-spin:1'),
    ('records-busy-spin:1', 'speed-of-light:1'),
    ('records-offer-busy-spin:1', 'jctools-busy-spin:1'),
    ('records-busy-spin-idle64:1', 'jctools-busy-spin:1'),
    ('records-marked-busy-spin-idle64:1', 'jctools-busy-spin:1'),
    ('speed-of-light:1', 'jctools-busy-spin:1'),
    ('records64-busy-spin:1', 'agrona64-busy-spin:1'),
    ('records-yielding:3', 'jctools:3'),
    ('records-yielding:3', 'agrona:3'),
    ('records-yielding:3', 'disruptor-yielding:3'),
    ('records-yielding:3', 'sluice-yielding:3'),
]
print()
print(f"{'ratio':52} median  (min-max)    launches")
for a, b in PAIRS:
    ratios = [rates[a][k] / rates[b][k] for k in sorted(rates[a]) if k in rates[b]]
    print(f"{a + ' / ' + b:52} {st.median(ratios):5.2f}  ({min(ratios):.2f}-{max(ratios):.2f})  {len(ratios)}")

# Two processes: values/s of the reader, and round-trip times (ns), per launch; ratios within a launch.
def table(name):
    rows = {}
    path = f'{HERE}/{name}'
    if not os.path.exists(path):
        return rows
    for line in open(path):
        f = line.rstrip('\n').split('\t')
        rows.setdefault(f[2], {})[int(f[0])] = [float(x) for x in f[3:]]
    return rows
ipc = table('ipc.tsv')
if ipc:
    print()
    print(f"{'two processes, M values/s':28} median  launches")
    for cell, by_launch in ipc.items():
        values = [by_launch[k][1] / 1e6 for k in sorted(by_launch)]
        print(f"{cell:28} {st.median(values):6.1f}  {' '.join(f'{v:5.1f}' for v in values)}")
    ratios = [ipc['ipc-sluice'][k][1] / ipc['ipc-agrona'][k][1] for k in sorted(ipc['ipc-sluice']) if k in ipc['ipc-agrona']]
    print(f"{'Sluice / Agrona':28} {st.median(ratios):5.2f}  ({min(ratios):.2f}-{max(ratios):.2f})  {len(ratios)} launches")
rtt = table('rtt.tsv')
if rtt:
    print()
    print(f"{'round trip, ns':28} p50 median (min-max)   p99 median (min-max)")
    for cell, by_launch in rtt.items():
        p50 = [by_launch[k][0] for k in sorted(by_launch)]
        p99 = [by_launch[k][1] for k in sorted(by_launch)]
        print(f"{cell:28} {st.median(p50):7.0f} ({min(p50):.0f}-{max(p50):.0f})   {st.median(p99):7.0f} ({min(p99):.0f}-{max(p99):.0f})")
    ratios = [rtt['ipc-sluice'][k][0] / rtt['ipc-agrona'][k][0] for k in sorted(rtt['ipc-sluice']) if k in rtt['ipc-agrona']]
    print(f"{'p50 Sluice / Agrona':28} {st.median(ratios):5.2f}  ({min(ratios):.2f}-{max(ratios):.2f})  {len(ratios)} launches")

# Round trips between two threads (JMH PingPongBenchmark), ns per round trip; ratios within a launch.
path = f'{HERE}/pingpong.json'
if os.path.exists(path):
    import json
    by_pair = {}
    for r in json.load(open(path)):
        by_pair.setdefault(r['pair'], {})[r['launch']] = r['nsPerRoundTrip']
    print()
    print(f"{'round trip in one JVM, ns':28} median  launches")
    for pair, by_launch in by_pair.items():
        values = [by_launch[k] for k in sorted(by_launch)]
        print(f"{pair:28} {st.median(values):6.0f}  {' '.join(f'{v:5.0f}' for v in values)}")
    for other in ('jctools', 'sluice', 'agrona'):
        ratios = [by_pair['records'][k] / by_pair[other][k] for k in sorted(by_pair['records']) if k in by_pair[other]]
        print(f"{'records / ' + other:28} {st.median(ratios):5.2f}  ({min(ratios):.2f}-{max(ratios):.2f})  {len(ratios)} launches")
