package kmlab.kernel;

import kmlab.data.Matrix;

/** Picks the implementation of a kernel family for a matrix. */
public final class Kernels {
    private Kernels() {
    }

    public static Kernel create(KernelKind kind, Matrix data) {
        return create(kind, data, Precision.DOUBLE);
    }

    /** Whether a kernel family has the precision: {@link KernelKind#supports}. */
    public static boolean supports(KernelKind kind, Precision precision) {
        return kind.supports(precision);
    }

    /** A kernel of the given family and precision (one of {@link KernelKind#precisions}). */
    public static Kernel create(KernelKind kind, Matrix data, Precision precision) {
        if (!kind.supports(precision)) {
            throw new IllegalArgumentException(kind.lacks(precision));
        }
        return kind == KernelKind.SCALAR ? scalar(data) : Vectors.create(kind, data, precision);
    }

    /**
     * The scalar reference, {@code create(SCALAR, data)}, by a path that reaches no Vector API class
     * (the browser demo, compiled by TeaVM, has none).
     */
    public static Kernel scalar(Matrix data) {
        return new ScalarKernel(data);
    }

    /**
     * The Vector API kernels, apart: verifying a method that constructs them loads their classes, and
     * a scalar job (which may run in a JVM without the module) needs none of them.
     */
    private static final class Vectors {
        static Kernel create(KernelKind kind, Matrix data, Precision precision) {
            boolean single = precision == Precision.FLOAT;
            return switch (kind) {
                case SCALAR -> throw new AssertionError("the scalar kernel is not a vector kernel");
                case SIMD -> single ? new SimdFloatKernel(data) : new VectorKernel(data);
                case GEMM -> single ? new GemmFloatKernel(data) : new GemmKernel(data);
            };
        }
    }
}
