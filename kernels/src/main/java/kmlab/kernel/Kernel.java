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

    /**
     * Binds centres (row-major k x d) for exact distances from single rows, for the algorithms that
     * prune (Hamerly, Elkan, pruned k-means++): every value is bitwise the scalar reference's squared
     * distance (s = fma(x_j - c_j, x_j - c_j, s), j ascending from 0), whatever this kernel's own
     * arithmetic or precision, so a label decided from them is the reference's. The scalar loops
     * unless a kernel has faster ones; the result is shared read-only by all chunks.
     */
    default Measure measure(double[] centres, int k) {
        return new ScalarMeasure(centres, k, data().d());
    }

    /** Exact squared distances from a row, given in place at {@code x[xo..xo+d)}, to bound centres. */
    interface Measure {
        /** The reference's squared distance to centre {@code c}. */
        double one(double[] x, int xo, int c);

        /** {@code out[c] = one(x, xo, c)} for every centre, bitwise. */
        void all(double[] x, int xo, double[] out);
    }

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
