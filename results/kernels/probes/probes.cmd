# from the repository root, after ./kmlab build (JDK 25 at the path below on this machine):
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; mkdir -p /tmp/probe-classes
$J/javac --add-modules jdk.incubator.vector -cp kernels/target/classes -d /tmp/probe-classes results/kernels/probes/TileProbe.java
for t in 4 6 4 6; do $J/java --add-modules jdk.incubator.vector -cp kernels/target/classes:/tmp/probe-classes TileProbe $t 2>/dev/null | tail -2; done
