#!/usr/bin/env bash
# The issue-17 re-run on one machine at one commit: a clean build, then each grid in turn, one at a time.
set -u
cd /work/study
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
echo "build $(git rev-parse --short HEAD) $(date -u +%FT%TZ)" >> /work/study-out/chain.log
mvn -B -o -q clean package -DskipTests >> /work/study-out/build.log 2>&1 || { echo "build failed" >> /work/study-out/chain.log; exit 1; }
for spec in fixed-costs:fixed-costs-xeon top-cell:top-cell-xeon crossover:crossover-xeon layouts:layouts-xeon \
            fixed-costs:fixed-costs-xeon-2 top-cell:top-cell-xeon-2 threads:threads-xeon algorithms:algorithms-xeon; do
    g=${spec%%:*}; out=${spec#*:}
    if [ -e /work/study-out/STOP ]; then echo "stopped before $out" >> /work/study-out/chain.log; break; fi
    echo "start $out $(date -u +%FT%TZ)" >> /work/study-out/chain.log
    flock /tmp/kmlab-timing.lock ./kmlab run "grids/$g.yaml" --out "/work/study-out/$out" > "/work/study-out/$out.log" 2>&1
    echo "end $out rc=$? $(date -u +%FT%TZ)" >> /work/study-out/chain.log
done
