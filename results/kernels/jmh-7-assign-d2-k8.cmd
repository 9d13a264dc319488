./kmlab jmh KernelBench.assign -p d=2 -p k=8 -p kernel=simd,gemm -p layout=columns,rows -f 1 -wi 3 -i 5 -rf json -rff jmh-7-assign-d2-k8.json   (commit 546b529)
