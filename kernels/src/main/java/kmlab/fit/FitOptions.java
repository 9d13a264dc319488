package kmlab.fit;

import kmlab.kernel.Chunks;

/**
 * The parameters of the one definition of a fit, scikit-learn's defaults unless changed.
 *
 * @param tol       relative tolerance: Lloyd stops when the sum of squared centre shifts is at most
 *                  tol x the mean per-feature variance of the data
 * @param maxIter   maximum Lloyd iterations
 * @param chunkRows rows per chunk of every pass, or {@link #AUTO} for {@link Chunks#autoSize}; fixed
 *                  for a given n, so results never depend on the thread count
 */
public record FitOptions(double tol, int maxIter, int chunkRows) {
    public static final int AUTO = 0;
    public static final FitOptions DEFAULT = new FitOptions(1e-4, 300, AUTO);

    public FitOptions {
        if (!(tol >= 0) || maxIter < 1 || chunkRows < 0) {
            throw new IllegalArgumentException("need tol >= 0, maxIter >= 1, chunkRows >= 0 (0 = auto)");
        }
    }

    /** The chunk size used for n rows. */
    public int chunkRowsFor(int n) {
        return chunkRows == AUTO ? Chunks.autoSize(n) : chunkRows;
    }
}
