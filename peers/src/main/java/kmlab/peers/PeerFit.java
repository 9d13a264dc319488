package kmlab.peers;

import kmlab.data.Matrix;

/**
 * What a library returned for one k, in kmlab's terms.
 *
 * @param centres     k rows of d
 * @param iterations  Lloyd iterations as the library counts them
 * @param converged   whether it stopped before {@link Peer#MAX_ITERATIONS}
 * @param seedSeconds the k-means++ part of the fit where the library lets it be timed apart, else null
 */
record PeerFit(int[] labels, double[][] centres, int iterations, boolean converged, Double seedSeconds) {

    /** The sum of squared distances to the assigned centre, computed here the same way for every library. */
    double inertia(Matrix x) {
        double[] row = new double[x.d()];
        double sum = 0;
        for (int i = 0; i < x.n(); i++) {
            x.copyRow(i, row, 0);
            double[] c = centres[labels[i]];
            for (int j = 0; j < row.length; j++) {
                double diff = row[j] - c[j];
                sum += diff * diff;
            }
        }
        return sum;
    }

    /** k = 1 where a library refuses it or gets it wrong: every row in one cluster around the mean, no iteration. */
    static PeerFit oneCluster(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] r : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= rows.length;
        }
        return new PeerFit(new int[rows.length], new double[][] {mean}, 0, true, null);
    }
}
