package kmlab.kernel;

import kmlab.util.Labels;

/**
 * What {@code --kernel} asks for: one family for every fit, or {@code auto}: from the job's n, d and
 * k values and the machine's vector width only (never from a timing), the scalar kernel for a job
 * too small for the Vector API code's JIT warm-up to pay back, and for the tiny fits of a larger
 * job; gemm for the other fits of a larger job, warmed up while the input is read. Every kernel gives
 * the scalar reference's result bitwise, so the choice changes the time of a fit, never its result.
 * The thresholds and the rates that rank the families are their cost models ({@link KernelKind.Cost}).
 *
 * <p>Tried and dropped: fits that start on scalar and move to gemm between passes once the warm-up
 * has compiled it (a probe pass decides). At 128k x 32, sweep to 8, it took 1.03-1.08 s against
 * 0.84-0.95 s for gemm warmed during the read and 0.93-1.00 s for scalar (3 fresh JVMs each): the
 * scalar passes run while both kernels are still being compiled, on two cores shared with C2.
 */
public record KernelChoice(KernelKind fixed) {
    public static final KernelChoice AUTO = new KernelChoice(null);

    public static KernelChoice of(KernelKind kind) {
        return new KernelChoice(kind);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** Whether this names a vector kernel (simd or gemm): its fits need the Vector API whatever the shape. */
    public boolean namesVectorKernel() {
        return fixed != null && fixed.needsVectorModule();
    }

    /** Whether a job fitting {@code ks} on n x d runs a vector kernel: auto's cheapest family for the job's products. */
    public boolean vectorJob(int n, int d, int[] ks) {
        if (fixed != null) {
            return namesVectorKernel();
        }
        return cheapest(jobUnits(n, d, ks), Long.MAX_VALUE, false).needsVectorModule();
    }

    /**
     * The family a fit at k runs once compiled, in a job fitting {@code ks} on n x d. Auto: the
     * cheapest family (by its one-thread rate) whose break-evens both the job and the fit reach, of
     * those this JVM can run (a JVM without the module runs scalar: its job was judged scalar for
     * the file's estimated size).
     */
    public KernelKind kernelFor(int n, int d, int k, int[] ks) {
        if (fixed != null) {
            return fixed;
        }
        return cheapest(jobUnits(n, d, ks), (long) n * d * k, true);
    }

    /**
     * The kernel to warm up while the input of a job of n x d fitting {@code ks} is read, or null for
     * none: a named kernel (as always), auto's vector kernel for the job; not auto's scalar, whose
     * warm-up measured nothing (7 interleaved fresh JVMs each, sweep to 8, cold / AOT-cached, ms:
     * 16k x 32 321 / 217 with it, 311 / 223 without; 128k x 8 547 / 428 with, 519 / 435 without),
     * where it shares the two cores with the read.
     */
    public KernelKind warmFor(int n, int d, int[] ks) {
        if (fixed != null) {
            return fixed;
        }
        KernelKind f = cheapest(jobUnits(n, d, ks), Long.MAX_VALUE, false);
        return VectorWidth.available() && f.needsVectorModule() ? f : null;
    }

    /** n x d x the sum of the job's k: the products of one pass of each of its fits. */
    private static long jobUnits(int n, int d, int[] ks) {
        long sumK = 0;
        for (int k : ks) {
            sumK += k;
        }
        return (long) n * d * sumK;
    }

    /**
     * The cheapest family (by its one-thread rate) whose break-evens {@code job} and {@code fit}
     * products reach, of those this JVM can run if {@code runnable}; the reference's are 0.
     */
    private static KernelKind cheapest(long job, long fit, boolean runnable) {
        int lanes = VectorWidth.doubleLanes();
        KernelKind best = KernelKind.SCALAR;
        for (KernelKind f : KernelKind.values()) {
            KernelKind.Cost c = f.cost();
            if ((!runnable || VectorWidth.available() || !f.needsVectorModule()) && job >= c.jobFrom(lanes)
                    && fit >= c.fitFrom(lanes) && c.oneThread() < best.cost().oneThread()) {
                best = f;
            }
        }
        return best;
    }

    /** The families auto may run besides the reference: a break-even that was measured. */
    private static java.util.List<KernelKind> autoFamilies() {
        java.util.List<KernelKind> out = new java.util.ArrayList<>();
        for (KernelKind f : KernelKind.values()) {
            long from = f.cost().jobFrom8Lanes();
            if (from > 0 && from != KernelKind.Cost.NEVER) {
                out.add(f);
            }
        }
        return out;
    }

    /** The rule of auto, in words (kmlab env prints it). */
    public static String rule() {
        int lanes = VectorWidth.doubleLanes();
        if (lanes < KernelKind.Cost.MIN_DOUBLE_LANES) {
            return KernelKind.SCALAR.label() + " for every fit (" + lanes + " double lanes, below the "
                    + KernelKind.Cost.MIN_DOUBLE_LANES + " the vector kernels need)";
        }
        StringBuilder b = new StringBuilder();
        for (KernelKind f : autoFamilies()) {
            b.append(b.isEmpty() ? "" : "; ").append(KernelKind.SCALAR.label()).append(" for a job below n*d*sum(k) = ")
                    .append(f.cost().jobFrom(lanes)).append("; above it ").append(f.label()).append(" for fits from n*d*k = ")
                    .append(f.cost().fitFrom(lanes)).append(", compiled while the input is read");
        }
        return b + " (" + lanes + " double lanes; thresholds x 8 / lanes)";
    }

    /** {@code --kernel}'s choices, each with its help line, auto last (built in every fit's start-up: no lambdas). */
    public static String help() {
        StringBuilder b = new StringBuilder();
        for (KernelKind f : KernelKind.values()) {
            b.append(f.label()).append(", ").append(f.help()).append("; ");
        }
        return b + "auto, for each fit from n, d, k and the vector width only: " + KernelKind.SCALAR.label()
                + " for small fits, where the vector code's JIT warm-up does not pay back, "
                + KernelKind.inWords(autoFamilies(), " or ") + " above (kmlab env prints the rule).";
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
