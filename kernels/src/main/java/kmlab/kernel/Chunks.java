package kmlab.kernel;

/**
 * Fixed-size row chunks. The chunk size is a property of the fit, never of the thread count, so
 * that every reduction happens in the same order whatever the number of threads.
 */
public record Chunks(int n, int size) {
    /** scikit-learn's chunk; the parallel kernels issue measures alternatives. */
    public static final int DEFAULT_SIZE = 256;

    public Chunks {
        if (n < 1 || size < 1) {
            throw new IllegalArgumentException("need n >= 1 and chunk size >= 1");
        }
    }

    public int count() {
        return (n + size - 1) / size;
    }

    public int from(int c) {
        return c * size;
    }

    public int to(int c) {
        return Math.min(n, (c + 1) * size);
    }
}
