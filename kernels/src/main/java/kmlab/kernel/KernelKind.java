package kmlab.kernel;

import kmlab.util.Labels;

/** The families of distance kernels. */
public enum KernelKind {
    /** Plain loops, the reference every other kernel is tested against. */
    SCALAR,
    /** Vector API, points in lanes, sum of (x - c)^2. */
    SIMD,
    /** Vector API, centres in lanes, |c|^2 - 2 x.c with a register-tiled dot product (4 points x 4 vectors). */
    GEMM;

    public String label() {
        return Labels.of(this);
    }

    public static KernelKind parse(String s) {
        return Labels.parse(KernelKind.class, s, "kernel");
    }
}
