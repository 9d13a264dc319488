package kmlab.kernel;

import kmlab.util.Labels;

/**
 * What {@code --kernel} asks for: one family for every fit, or {@code auto}: for each fit, from its
 * n, d and k and the machine's vector width only (never from a timing), the scalar kernel where the
 * Vector API code's JIT warm-up cannot pay back and gemm above. Every kernel gives the scalar
 * reference's result bitwise, so the choice changes the time of a fit, never its result.
 */
public record KernelChoice(KernelKind fixed) {
    public static final KernelChoice AUTO = new KernelChoice(null);

    /**
     * Point x centre x feature products per assignment pass from which auto takes gemm, with 8 double
     * lanes; scaled by 8 / lanes (gemm's advantage is proportional to its lanes). Measured in fresh
     * JVMs on the Intel Xeon (2 vCPU, 512-bit), sweeps n 1k..256k x d 2/8/32 x k_max 8/32, time per
     * pass per product inside each fit: scalar 1.1-1.4 ns from 2^17 to 2^24; gemm 5.8 ns at 2^18
     * (still interpreted or in C1), 0.96 at 2^19, 1.23 at 2^20, 0.46 at 2^21, 0.20 at 2^23.
     */
    static final long GEMM_FROM_8_LANES = 1L << 20;

    public static KernelChoice of(KernelKind kind) {
        return new KernelChoice(kind);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** The family a fit of n rows, d features and k centres runs. */
    public KernelKind kernelFor(int n, int d, int k) {
        if (fixed != null) {
            return fixed;
        }
        return (long) n * d * k >= gemmFrom() ? KernelKind.GEMM : KernelKind.SCALAR;
    }

    /** The threshold of auto on this machine (n x d x k per pass). */
    public static long gemmFrom() {
        return GEMM_FROM_8_LANES * 8 / Math.max(1, VectorWidth.doubleLanes());
    }

    /** The rule of auto, in words (kmlab env prints it). */
    public static String rule() {
        return "scalar below n*d*k = " + gemmFrom() + " per pass, gemm from there (" + VectorWidth.doubleLanes()
                + " double lanes; " + GEMM_FROM_8_LANES + " x 8 / lanes)";
    }

    public String label() {
        return fixed == null ? "auto" : fixed.label();
    }

    /** {@code auto} or a family's label. */
    public static KernelChoice parse(String s) {
        if ("auto".equals(s)) {
            return AUTO;
        }
        try {
            return of(KernelKind.parse(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kernel '" + s + "' (expected one of: auto, "
                    + String.join(", ", java.util.Arrays.stream(KernelKind.values()).map(Labels::of).toList()) + ")");
        }
    }
}
