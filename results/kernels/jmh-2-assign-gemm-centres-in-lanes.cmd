./kmlab jmh KernelBench.assign -p kernel=gemm,simd -f 1 -wi 3 -i 5 -rf json -rff jmh-2-assign-gemm-centres-in-lanes.json   (commit 194bc3f; 256-row chunks)
