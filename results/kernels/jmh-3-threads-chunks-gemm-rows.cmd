./kmlab jmh KernelBench.assign -p kernel=gemm -p layout=rows -p threads=1,2 -p chunk=256,1024,4096 -f 1 -wi 3 -i 5 -rf json -rff jmh-3-threads-chunks-gemm-rows.json   (commit 194bc3f)
