#!/usr/bin/env python3
"""cmp.py A1.csv B1.csv A2.csv B2.csv ...: paired ratios B/A per parameter set, median over pairs."""
import csv, sys, statistics
def load(f):
    out = {}
    for r in csv.DictReader(open(f)):
        key = (r['Benchmark'],) + tuple((k, v) for k, v in r.items() if k.startswith('Param: '))
        out[key] = float(r['Score'])
    return out
files = sys.argv[1:]
pairs = [(load(files[i]), load(files[i + 1])) for i in range(0, len(files), 2)]
for key in pairs[0][0]:
    a = [p[0][key] for p in pairs if key in p[0] and key in p[1]]
    b = [p[1][key] for p in pairs if key in p[0] and key in p[1]]
    rs = [y / x for x, y in zip(a, b)]
    name = key[0].split('.')[-1] + ' ' + ' '.join(f"{k[7:]}={v}" for k, v in key[1:] if v not in ('auto', '0', '1.0', '42', '262144', 'double'))
    print(f"{name:60s} A {statistics.median(a):8.3f}  B {statistics.median(b):8.3f}  B/A {statistics.median(rs):.3f}  [{min(rs):.3f}, {max(rs):.3f}]")
