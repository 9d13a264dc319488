package kmlab.kernel;

import java.util.Locale;

/** The families of distance kernels. */
public enum KernelKind {
    /** Plain loops, the reference every other kernel is tested against. */
    SCALAR,
    /** Vector API, points in lanes, sum of (x - c)^2. */
    SIMD,
    /** Vector API, centres in lanes, |c|^2 - 2 x.c with a register-tiled dot product (4 points x 4 vectors). */
    GEMM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KernelKind parse(String s) {
        for (KernelKind k : values()) {
            if (k.label().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kernel '" + s + "'");
    }
}
