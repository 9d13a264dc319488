package kmlab.kernel;

import kmlab.util.Labels;

/**
 * What {@code --kernel} asks for: one family for every fit, or {@code auto}: from the job's n, d and
 * k values and the machine's vector width only (never from a timing), the scalar kernel for a job
 * too small for the Vector API code's JIT warm-up to pay back, and for the tiny fits of a larger
 * job; gemm for the other fits of a larger job, warmed up while the input is read. Every kernel gives
 * the scalar reference's result bitwise, so the choice changes the time of a fit, never its result.
 *
 * <p>Tried and dropped: fits that start on scalar and move to gemm between passes once the warm-up
 * has compiled it (a probe pass decides). At 128k x 32, sweep to 8, it took 1.03-1.08 s against
 * 0.84-0.95 s for gemm warmed during the read and 0.93-1.00 s for scalar (3 fresh JVMs each): the
 * scalar passes run while both kernels are still being compiled, on two cores shared with C2.
 */
public record KernelChoice(KernelKind fixed) {
    public static final KernelChoice AUTO = new KernelChoice(null);

    /**
     * Products per pass summed over the job's fits (n x d x the sum of its k) from which auto uses
     * gemm at all, with 8 double lanes; scaled by 8 / lanes (gemm's advantage is proportional to its
     * lanes). Measured on the Intel Xeon (2 vCPU, 512-bit), fresh JVMs, sweeps to k_max 8: the scalar
     * kernel beat gemm end to end at 16k x 32 (0.35 against 0.55 s; 1.8e7 products) and matched it up to
     * 128k x 8 (3.7e7); gemm's warm-up is ~0.3 s of a core (C2 and the warm-up thread) before it pays.
     */
    static final long JOB_GEMM_FROM_8_LANES = 1L << 26;
    /** Products per pass (n x d x k) below which a fit stays scalar even in a gemm job: gemm's per-pass set-up dominates. */
    static final long FIT_GEMM_FROM_8_LANES = 1L << 15;
    public static KernelChoice of(KernelKind kind) {
        return new KernelChoice(kind);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** Whether this names a vector kernel (simd or gemm): its fits need the Vector API whatever the shape. */
    public boolean namesVectorKernel() {
        return fixed != null && fixed != KernelKind.SCALAR;
    }

    /** Whether a job fitting {@code ks} on n x d runs any fit on gemm (auto), or a vector kernel (fixed). */
    public boolean vectorJob(int n, int d, int[] ks) {
        if (fixed != null) {
            return namesVectorKernel();
        }
        long sumK = 0;
        for (int k : ks) {
            sumK += k;
        }
        return (long) n * d * sumK >= scaled(JOB_GEMM_FROM_8_LANES);
    }

    /** The family a fit at k runs once compiled, in a job fitting {@code ks} on n x d. */
    public KernelKind kernelFor(int n, int d, int k, int[] ks) {
        if (fixed != null) {
            return fixed;
        }
        // a JVM without the module runs scalar: its job was judged scalar for the file's estimated size
        return VectorWidth.available() && vectorJob(n, d, ks) && (long) n * d * k >= scaled(FIT_GEMM_FROM_8_LANES)
                ? KernelKind.GEMM
                : KernelKind.SCALAR;
    }

    /**
     * The kernel to warm up while the input of a job of n x d fitting {@code ks} is read, or null for
     * none: a named kernel (as always), auto's gemm; not auto's scalar, whose warm-up measured nothing
     * (7 interleaved fresh JVMs each, sweep to 8, cold / AOT-cached, ms: 16k x 32 321 / 217 with it,
     * 311 / 223 without; 128k x 8 547 / 428 with, 519 / 435 without), where it shares the two cores
     * with the read.
     */
    public KernelKind warmFor(int n, int d, int[] ks) {
        if (fixed != null) {
            return fixed;
        }
        return VectorWidth.available() && vectorJob(n, d, ks) ? KernelKind.GEMM : null;
    }

    private static long scaled(long from8Lanes) {
        return from8Lanes * 8 / Math.max(1, VectorWidth.doubleLanes());
    }

    /** The rule of auto, in words (kmlab env prints it). */
    public static String rule() {
        return "scalar for a job below n*d*sum(k) = " + scaled(JOB_GEMM_FROM_8_LANES) + "; above it gemm for fits"
                + " from n*d*k = " + scaled(FIT_GEMM_FROM_8_LANES) + ", compiled while the input is read ("
                + VectorWidth.doubleLanes() + " double lanes; thresholds x 8 / lanes)";
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
