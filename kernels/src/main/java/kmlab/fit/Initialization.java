package kmlab.fit;

/**
 * How a fit gets its initial centres: a strategy run by the driver, over its kernel, chunks and
 * workers (ELKI's split of k-means into an initialisation and an algorithm). {@link KMeansPlusPlus}
 * is scikit-learn's.
 */
public interface Initialization {
    /**
     * k initial centres (row-major k x d, a fresh array): a function of the data, the driver's
     * chunking, k and {@code seed}, never of its kernel or thread count.
     */
    double[] centres(KMeans driver, int k, long seed);

    /**
     * The centres of {@link #centres} with the point-centre distances evaluated to find them; a
     * strategy that evaluates any must override this (the default counts none).
     */
    default Seeds seeds(KMeans driver, int k, long seed) {
        return new Seeds(centres(driver, k, seed), 0);
    }

    /** Initial centres (row-major k x d) and the point-centre distances a seeding evaluated for them. */
    record Seeds(double[] centres, long distances) {
    }

    /**
     * A key such that two k with the same key get the same first centres: seeding to the larger
     * of them and keeping a prefix gives bitwise the smaller's centres ({@link SweepSeeds} relies on
     * it). A strategy without that property returns k itself.
     */
    default int prefixGroup(int k) {
        return k;
    }
}
