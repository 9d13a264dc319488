package kmlab.kernel;

/**
 * What {@code --threads} asks for: a count (0 = every core) for every fit, or {@code auto}: one
 * thread below a fit size, every core from it, from n, d and k only. Results are bitwise the same for
 * any count (chunked, ordered reduction), so the choice changes time only.
 */
public record ThreadsChoice(int count) {
    /** The count that stands for auto. */
    private static final int AUTO_COUNT = -1;
    public static final ThreadsChoice AUTO = new ThreadsChoice(AUTO_COUNT);

    /**
     * n x d x k per pass from which auto uses every core. Measured in fresh JVMs on the Intel Xeon (2
     * vCPU; the same sweeps as gemm's break-evens in {@link KernelKind.Cost}), gemm per pass per
     * product, one thread against two: 0.46 / 0.33 ns at 2^21, 0.33 / 0.31 at 2^22, 0.20 / 0.22 at 2^23, 0.22 / 0.16
     * at 2^24, 0.15 / 0.08 at 2^25: below 2^24 the second thread competes with the JIT compiler for
     * the two cores and gains little or nothing.
     */
    static final long PARALLEL_FROM = 1L << 24;

    public ThreadsChoice {
        if (count < AUTO_COUNT) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores) or auto, got " + count);
        }
    }

    public static ThreadsChoice of(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0 = all cores) or auto, got " + count);
        }
        return new ThreadsChoice(count);
    }

    public boolean isAuto() {
        return count == AUTO_COUNT;
    }

    /** Threads for a fit of n rows, d features and k centres (0 = every core). */
    public int threadsFor(int n, int d, int k) {
        if (!isAuto()) {
            return count;
        }
        return (long) n * d * k >= PARALLEL_FROM ? 0 : 1;
    }

    /** The rule of auto, in words (kmlab env prints it). */
    public static String rule() {
        return "1 thread below n*d*k = " + PARALLEL_FROM + " per pass, every core from there";
    }

    /** As results record it: the count (0 = all cores), or the text {@code auto}. */
    public Object recorded() {
        return isAuto() ? label() : (Object) count;
    }

    public String label() {
        return isAuto() ? "auto" : Integer.toString(count);
    }

    /** {@code auto} or a count >= 0. */
    public static ThreadsChoice parse(String s) {
        if ("auto".equals(s)) {
            return AUTO;
        }
        int n;
        try {
            n = Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is neither a thread count nor auto");
        }
        return of(n);
    }
}
