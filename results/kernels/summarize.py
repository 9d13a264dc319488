#!/usr/bin/env python3
"""Renders the JMH result files in this folder as one Markdown table per file (summary.md).

Usage: python3 summarize.py   (reads env.json and every jmh-*.json here; stdlib only)
For the assign benchmark it adds GFLOP/s (2 flops per point x centre x feature) and the fraction
of the FMA peak measured on the same machine (env.json, from `kmlab env --peak --json`), and
ns per point-centre pair.
"""
import glob
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
env = json.load(open(os.path.join(here, "env.json")))
peak = env["peak"]
out = ["# Kernel measurements", "",
       f"Machine: {env['cpu_model']}, {env['logical_cores']} logical cores, {env['os']}, "
       f"Java {env['java_version']}, {env['vector_double_species']}.",
       f"Measured peak (`kmlab env --peak`): FMA double {peak['fma_double_gflops_1t']:.1f} GFLOP/s on 1 thread, "
       f"{peak['fma_double_gflops_all']:.1f} on {peak['threads_all']}; float {peak['fma_float_gflops_1t']:.1f} / "
       f"{peak['fma_float_gflops_all']:.1f}; read bandwidth {peak['read_gbps_1t']:.1f} GB/s on 1 thread, "
       f"{peak['read_gbps_all']:.1f} on {peak['threads_all']}.", ""]
for path in sorted(glob.glob(os.path.join(here, "jmh-*.json"))):
    rows = json.load(open(path))
    name = os.path.basename(path)
    out += [f"## {name}", ""]
    cmd = os.path.join(here, name.replace(".json", ".cmd"))
    if os.path.exists(cmd):
        out += ["Command: `" + open(cmd).read().strip() + "`", ""]
    out += ["| benchmark | layout | kernel | threads | chunk | n | d | k | ms/op (median of iterations) | ± 99.9% | GFLOP/s | % of peak | ns/pair |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p = r["params"]
        bench = r["benchmark"].rsplit(".", 1)[1]
        m = r["primaryMetric"]
        ms = m["scorePercentiles"]["50.0"]
        err = m["scoreError"]
        n, d, k, t = int(p["n"]), int(p["d"]), int(p["k"]), int(p["threads"])
        gflops = pct = nspair = ""
        if bench == "assign":
            g = 2.0 * n * k * d / (ms / 1e3) / 1e9
            ref = peak["fma_double_gflops_1t"] * t if t <= peak["threads_all"] else peak["fma_double_gflops_all"]
            gflops, pct, nspair = f"{g:.1f}", f"{100 * g / ref:.0f}%", f"{ms * 1e6 / (n * k):.3f}"
        out.append(f"| {bench} | {p['layout']} | {p['kernel']} | {t} | {p['chunk']} | {n} | {d} | {k} | "
                   f"{ms:.3f} | {err:.3f} | {gflops} | {pct} | {nspair} |")
    out.append("")
open(os.path.join(here, "summary.md"), "w").write("\n".join(out) + "\n")
print("\n".join(out))
