"""Per implementation: wall_s and the peaks of the runs with rusage-exec (on) and without it (off)."""
import glob, json, os, statistics as st, sys
from collections import defaultdict
here = os.path.dirname(os.path.abspath(__file__))
d = defaultdict(lambda: defaultdict(list))
for mode in ("on", "off"):
    for f in sorted(glob.glob(os.path.join(here, mode + "-*", "runs.jsonl"))):
        for line in open(f):
            r = json.loads(line)
            v = d[r["implementation"]]
            v[mode + "_wall"].append(r["wall_s"])
            v[mode + "_sampled"].append(r.get("rss_peak_sampled_bytes"))
            v[mode + "_rusage"].append(r.get("rss_peak_rusage_bytes"))
print("| implementation | runs on/off | wall on (ms) | wall off (ms) | on/off | sampled peak present on/off | rusage peak on (MiB) | rusage peak off (MiB) |")
print("|---|---|---|---|---|---|---|---|")
for impl, v in d.items():
    def mib(xs):
        xs = [x for x in xs if x is not None]
        return f"{min(xs) / 2**20:.1f}-{max(xs) / 2**20:.1f}" if xs else "none"
    on, off = v["on_wall"], v["off_wall"]
    print(f"| {impl} | {len(on)}/{len(off)} | {st.median(on) * 1e3:.2f} [{min(on) * 1e3:.2f}, {max(on) * 1e3:.2f}]"
          f" | {st.median(off) * 1e3:.2f} [{min(off) * 1e3:.2f}, {max(off) * 1e3:.2f}] | {st.median(on) / st.median(off):.3f}"
          f" | {sum(x is not None for x in v['on_sampled'])}/{sum(x is not None for x in v['off_sampled'])}"
          f" | {mib(v['on_rusage'])} | {mib(v['off_rusage'])} |")
