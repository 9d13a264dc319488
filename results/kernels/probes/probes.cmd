# How tile-probe.txt was made (at commit 1abe66f), from the repository root after ./kmlab build
# (JDK 25 at the path below on this machine). The probe, TileProbe.java (copies of GemmKernel's
# 4 x 4 tile and a 6 x 4 variant with only a lane-wise max), left the tree once it became the JMH
# benchmark TileBench.tile (see ../README.md); the first lines read it back from git.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; mkdir -p /tmp/probe-classes /tmp/probe-src
git show 1abe66f:results/kernels/probes/TileProbe.java > /tmp/probe-src/TileProbe.java
$J/javac --add-modules jdk.incubator.vector -cp kernels/target/classes -d /tmp/probe-classes /tmp/probe-src/TileProbe.java
for t in 4 6 4 6; do $J/java --add-modules jdk.incubator.vector -cp kernels/target/classes:/tmp/probe-classes TileProbe $t 2>/dev/null | tail -2; done
