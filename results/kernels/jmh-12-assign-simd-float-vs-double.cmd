./kmlab jmh KernelBench.assign -p kernel=simd -p precision=double,float -p layout=columns,rows -f 1 -wi 3 -i 5 -rf json -rff jmh-12-assign-simd-float-vs-double.json
