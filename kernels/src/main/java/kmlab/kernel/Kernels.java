package kmlab.kernel;

import kmlab.data.Matrix;

/** Picks the implementation of a kernel family for a matrix. */
public final class Kernels {
    private Kernels() {
    }

    public static Kernel create(KernelKind kind, Matrix data) {
        return create(kind, data, Precision.DOUBLE);
    }

    /** Whether a kernel family has the precision: float exists for the Vector API kernels only. */
    public static boolean supports(KernelKind kind, Precision precision) {
        return precision == Precision.DOUBLE || kind != KernelKind.SCALAR;
    }

    /** A kernel of the given family and precision (see {@link #supports}). */
    public static Kernel create(KernelKind kind, Matrix data, Precision precision) {
        if (!supports(kind, precision)) {
            throw new IllegalArgumentException(
                    "float precision exists for the simd and gemm kernels, not scalar (the double reference)");
        }
        if (precision == Precision.FLOAT) {
            return switch (kind) {
                case SCALAR -> throw new AssertionError("checked above");
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
