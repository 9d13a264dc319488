#!/bin/bash
# ab.sh TAG ROUNDS BENCH ARGS...: interleaved forks of base.jar and new.jar, CSVs TAG-{a,b}-i.csv
tag=$1; rounds=$2; shift 2
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
files=()
for i in $(seq 1 $rounds); do
  for j in a b; do
    jar=$([ $j = a ] && echo base.jar || echo new.jar)
    flock /tmp/kmlab-timing.lock java --add-modules jdk.incubator.vector -cp $jar org.openjdk.jmh.Main "$@" -f 1 -wi 3 -i 5 -r 1 -w 1 -rf csv -rff $tag-$j-$i.csv > /dev/null 2>&1
  done
  files+=($tag-a-$i.csv $tag-b-$i.csv)
done
python3 cmp.py "${files[@]}"
