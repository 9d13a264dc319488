#!/usr/bin/env python3
"""Phases of kmlab fit's JSON for several builds, interleaved in fresh JVMs (medians over the repeats).

The README's seeding and Lloyd-phase comparisons between commits come from this script:

    ./kmlab gen --rows 256000 --features 32 --clusters 32 --seed 1 --output /tmp/big.csv
    python3 results/algorithms/fit_phases.py --input /tmp/big.csv --kernel gemm --repeats 3 \
        old=/path/to/old/runner.jar new=runner/target/runner.jar

Each repeat runs every build once, in the order given (alternating, so drift lands on all alike):
java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmn16m -cp JAR kmlab.runner.Launch fit
INPUT --k-max K --threads T --kernel KERNEL --json, and prints per build the median read and fit
phases and the sums over fits of seed_s and lloyd_s.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile

JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--input", required=True)
    p.add_argument("--kernel", default="gemm")
    p.add_argument("--k-max", default="32")
    p.add_argument("--threads", default="0")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("builds", nargs="+", help="NAME=path/to/runner.jar")
    a = p.parse_args()
    builds = [b.split("=", 1) for b in a.builds]
    got = {name: [] for name, _ in builds}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(a.repeats):
            for name, jar in (builds if r % 2 == 0 else list(reversed(builds))):
                out = subprocess.run([JAVA, "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC", "-Xmn16m",
                                      "-cp", jar, "kmlab.runner.Launch", "fit", a.input, "--k-max", a.k_max,
                                      "--threads", a.threads, "--kernel", a.kernel, "--json",
                                      "--output", os.path.join(tmp, name + ".csv")],
                                     capture_output=True, text=True, check=True).stdout
                j = json.loads(out)
                fits = j["fits"]
                got[name].append((j["phases_s"]["read"], j["phases_s"]["fit"],
                                  sum(f["seed_s"] or 0 for f in fits), sum(f["lloyd_s"] for f in fits)))
    for name, runs in got.items():
        med = [statistics.median(x[i] for x in runs) for i in range(4)]
        print("%s: read %.2f s, fit %.2f s (k-means++ %.2f s, Lloyd %.2f s), %d runs" % (name, *med, len(runs)))


if __name__ == "__main__":
    main()
