package kmlab.kernel;

import kmlab.data.Matrix;

/** Picks the implementation of a kernel family for a matrix. */
public final class Kernels {
    private Kernels() {
    }

    public static Kernel create(KernelKind kind, Matrix data) {
        return create(kind, data, Precision.DOUBLE);
    }

    /** A kernel of the given family and precision; float exists for the Vector API kernels (simd, gemm). */
    public static Kernel create(KernelKind kind, Matrix data, Precision precision) {
        if (precision == Precision.FLOAT) {
            return switch (kind) {
                case SCALAR -> throw new IllegalArgumentException(
                        "float precision exists for the simd and gemm kernels, not scalar (the double reference)");
                case SIMD -> new SimdFloatKernel(data);
                case GEMM -> new GemmFloatKernel(data);
            };
        }
        return switch (kind) {
            case SCALAR -> new ScalarKernel(data);
            case SIMD -> new VectorKernel(data);
            case GEMM -> new GemmKernel(data);
        };
    }
}
