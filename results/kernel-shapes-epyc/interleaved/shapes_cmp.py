import json, sys, statistics
def load(d):
    out = {}
    for l in open(d + '/runs.jsonl'):
        r = json.loads(l)
        out.setdefault((r['implementation'], r['d'], r['k_max']), []).append(r['kernel_s'])
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
peak = json.load(open(sys.argv[2] + '/env.json')).get('peak', {}).get('fma_double_gflops_1t')
for key in sorted(a):
    if key not in b: continue
    ma, mb = statistics.median(a[key]), statistics.median(b[key])
    impl, d, k = key
    gf = 2 * 262144 * d * k / mb / 1e9
    flag = '  <-- slower' if mb / ma > 1.05 else ''
    print(f"{impl:16s} d={d:3d} k={k:4d}  base {ma*1e3:8.3f} ms  new {mb*1e3:8.3f} ms  new/base {mb/ma:.3f}  {gf:5.1f} GFLOP/s {100*gf/peak:4.0f}%{flag}")
