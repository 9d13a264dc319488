./kmlab jmh KernelBench.assign -p kernel=gemm -p precision=double,float -p layout=rows,boxed -f 1 -wi 3 -i 5 -rf json -rff jmh-11-assign-float-vs-double.json
