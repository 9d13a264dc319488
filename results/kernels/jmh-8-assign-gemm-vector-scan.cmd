./kmlab jmh KernelBench.assign -p kernel=gemm -f 1 -wi 3 -i 5 -rf json -rff jmh-8-assign-gemm-vector-scan.json   (vectorised horizontal step; automatic chunks = 4096 here)
