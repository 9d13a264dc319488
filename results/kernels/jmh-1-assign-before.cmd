./kmlab jmh KernelBench.assign -f 1 -wi 3 -i 5 -rf json -rff jmh-1-assign-before.json   (commit 1b1cf18: first simd/gemm kernels, points in lanes; 256-row chunks)
