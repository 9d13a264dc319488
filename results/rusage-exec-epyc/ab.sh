cd /work/main
for r in 1 2 3 4; do
  for mode in on off; do
    KMLAB_JAVA_OPTS="-Dkmlab.rusage-exec=$mode" ./kmlab run results/rusage-exec-epyc/rx.yaml --out $OUT/$mode-$r --no-peak > $OUT/$mode-$r.log 2>&1
  done
done
