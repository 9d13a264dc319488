package kmlab.kernel;

import kmlab.data.Matrix;

/** Picks the implementation of a kernel family for a matrix. */
public final class Kernels {
    private Kernels() {
    }

    public static Kernel create(KernelKind kind, Matrix data) {
        return switch (kind) {
            case SCALAR -> new ScalarKernel(data);
            case SIMD -> new VectorKernel(data);
            case GEMM -> new GemmKernel(data);
        };
    }
}
