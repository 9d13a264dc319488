package kmlab.fit;

import kmlab.kernel.ChunkSums;

/**
 * A k-means algorithm run by the one driver ({@link KMeans}), which owns what every variant shares
 * and must not differ in: the loop, scikit-learn's relocation of empty clusters, the centre update,
 * the stopping rule, the final relabelling and the inertia. A variant supplies the assignment step
 * through a per-fit {@link Instance} (as ELKI's k-means variants override their instance's
 * iterate()), so an accelerated algorithm that assigns exactly as Lloyd does gives Lloyd's fit bit
 * for bit. {@link Lloyd} is the plain one.
 */
public interface Algorithm {
    /** Its name, as results record it. */
    String label();

    /** The state of one fit at k on the driver's data (for instance bounds, sized for its rows). */
    Instance start(KMeans driver, int k);

    /** One fit's assignment step, called once per iteration and once more when the labels must catch up. */
    interface Instance {
        /**
         * Sets every {@code labels[i]} to the nearest of {@code centres} (row-major k x d), the first
         * on a tie, as the kernel's reference does, and returns the totals of the rows per centre
         * (sums, counts, labels changed), added in chunk order; the object may be reused by the next call.
         */
        ChunkSums assign(double[] centres, int[] labels);

        /** The centres moved from {@code previous} to {@code current}; state kept across iterations follows them here. */
        default void moved(double[] previous, double[] current) {
        }

        /**
         * The point-centre distances its assignments have evaluated so far (n x k a pass for Lloyd),
         * as ELKI counts them; distances between centres are not counted.
         */
        long distances();
    }
}
