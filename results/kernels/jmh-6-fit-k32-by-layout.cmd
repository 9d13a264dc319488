./kmlab jmh KernelBench.fit -p kernel=gemm -f 3 -wi 2 -i 3; ./kmlab jmh KernelBench.fit -p kernel=simd -p layout=columns -f 3 -wi 2 -i 3   (commit a9a8c6a; results joined into one file)
