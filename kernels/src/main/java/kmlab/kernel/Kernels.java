package kmlab.kernel;

import kmlab.data.Matrix;

/** Picks the implementation of a kernel family for a matrix. */
public final class Kernels {
    private Kernels() {
    }

    public static Kernel create(KernelKind kind, Matrix data) {
        return create(kind, data, Precision.DOUBLE);
    }

    /** A kernel of the given family and precision; float exists for the gemm kernel only. */
    public static Kernel create(KernelKind kind, Matrix data, Precision precision) {
        if (precision == Precision.FLOAT) {
            if (kind != KernelKind.GEMM) {
                throw new IllegalArgumentException("float precision exists for the gemm kernel only, not " + kind.label());
            }
            return new GemmFloatKernel(data);
        }
        return switch (kind) {
            case SCALAR -> new ScalarKernel(data);
            case SIMD -> new VectorKernel(data);
            case GEMM -> new GemmKernel(data);
        };
    }
}
