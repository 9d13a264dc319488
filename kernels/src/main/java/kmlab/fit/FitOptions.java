package kmlab.fit;

import kmlab.kernel.Chunks;

/**
 * The parameters of the one definition of a fit, scikit-learn's defaults unless changed.
 *
 * @param tol       relative tolerance: Lloyd stops when the sum of squared centre shifts is at most
 *                  tol x the mean per-feature variance of the data
 * @param maxIter   maximum Lloyd iterations
 * @param chunkRows rows per chunk of every pass (fixed, so results do not depend on threads)
 */
public record FitOptions(double tol, int maxIter, int chunkRows) {
    public static final int DEFAULT_CHUNK_ROWS = Chunks.DEFAULT_SIZE;
    public static final FitOptions DEFAULT = new FitOptions(1e-4, 300, DEFAULT_CHUNK_ROWS);

    public FitOptions {
        if (!(tol >= 0) || maxIter < 1 || chunkRows < 1) {
            throw new IllegalArgumentException("need tol >= 0, maxIter >= 1, chunkRows >= 1");
        }
    }
}
