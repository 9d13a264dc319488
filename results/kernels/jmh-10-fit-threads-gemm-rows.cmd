./kmlab jmh KernelBench.fit -p kernel=gemm -p layout=rows -p threads=1,2 -f 2 -wi 2 -i 4 -rf json -rff jmh-10-fit-threads-gemm-rows.json   (commit dbfec2c)
