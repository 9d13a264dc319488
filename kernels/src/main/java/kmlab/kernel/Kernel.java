package kmlab.kernel;

import kmlab.data.Matrix;

/**
 * The one interface between the k-means driver and the distance kernels. A kernel is bound to one
 * matrix; it does the two passes that hold nearly all the arithmetic of a fit, each over a range of
 * rows so that the driver can split the rows into fixed chunks and run them on any thread. A kernel
 * keeps no mutable state between calls.
 */
public interface Kernel {
    Matrix data();

    KernelKind kind();

    /**
     * Prepares one assignment pass against these centres (row-major k x d); the returned object is
     * shared read-only by all chunks of the pass (a kernel may precompute norms or copies there).
     */
    Assigner bind(double[] centres, int k);

    /**
     * k-means++ step over rows [from, to) for all trial candidates at once (one read of the rows):
     * {@code out[t][i] = min(closest[i], |x_i - candidate_t|^2)} for t < trials, where candidate t
     * is row t of {@code candidates} (row-major), and {@code pots[t]} = the sum of {@code out[t]}
     * over the range.
     */
    void seedDistances(double[] candidates, int trials, double[] closest, double[][] out, double[] pots,
                       int from, int to);

    /** One assignment pass against fixed centres. */
    interface Assigner {
        /**
         * For rows [from, to): sets {@code labels[i]} to the nearest centre (the first on a tie;
         * every kernel gives bitwise the scalar reference's label), and adds the row into that
         * centre's sums in {@code acc}, with its count and whether the label changed.
         */
        void assign(int from, int to, int[] labels, ChunkSums acc);
    }
}
