./kmlab jmh KernelBench.assign -p kernel=simd -p layout=columns -p threads=1,2 -p chunk=256,1024,4096 -f 1 -wi 3 -i 5 -rf json -rff jmh-4-threads-chunks-simd-columns.json   (commit 194bc3f)
