./kmlab jmh KernelBench.assign -p kernel=gemm -p layout=rows -p threads=1,2 -f 2 -wi 3 -i 5 -rf json -rff jmh-9-assign-threads-gemm-rows.json   (commit dbfec2c)
