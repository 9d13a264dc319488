package kmlab.fit;

import kmlab.kernel.Kernel;

/**
 * Hamerly's algorithm (2010), exact: per row an upper bound u of the distance to its centre a and
 * one lower bound l of the distance to every other centre, and per centre s(a), half the distance
 * to its nearest other centre. A row keeps its label without being measured when max(l, s(a))
 * provably exceeds u ({@link Bounds#separated}: by a margin for rounding, so that the reference's
 * computed distances order a strictly first); otherwise u is tightened to the measured distance
 * and the test repeated, and failing that the row is measured against all k centres and labelled
 * as the reference labels it. So its fit is Lloyd's, bit for bit. Memory: two doubles a row.
 * A full measurement evaluates k distances, the tightening one more, as ELKI counts them.
 */
public final class Hamerly implements Algorithm {
    public static final Hamerly INSTANCE = new Hamerly();

    private Hamerly() {
    }

    @Override
    public String label() {
        return "hamerly";
    }

    @Override
    public Instance start(KMeans driver, int k) {
        return start(driver, k, new Bounds(driver.d()));
    }

    /** With other bounds (tests: the textbook ones). */
    Instance start(KMeans driver, int k, Bounds bounds) {
        return new Fit(driver, k, bounds);
    }

    private static final class Fit extends PrunedAssign {
        private final double[] upper;
        private final double[] lower;
        /** Per centre a, an upper bound of how far any other centre moved: what every l of a's rows loses. */
        private final double[] moveOthers;

        Fit(KMeans driver, int k, Bounds bounds) {
            super(driver, k, bounds, false);
            this.upper = new double[n];
            this.lower = new double[n];
            this.moveOthers = new double[k];
        }

        @Override
        void movedGeometry() {
            int top = 0;
            for (int c = 1; c < k; c++) {
                if (move[c] > move[top]) {
                    top = c;
                }
            }
            double second = 0;
            for (int c = 0; c < k; c++) {
                if (c != top) {
                    second = Math.max(second, move[c]);
                }
            }
            for (int c = 0; c < k; c++) {
                moveOthers[c] = c == top ? second : move[top];
            }
        }

        @Override
        int first(int i, double[] x, int xo, Kernel.Measure m, Scratch s) {
            return measureRow(i, x, xo, m, s);
        }

        @Override
        int next(int i, double[] x, int xo, int a, Kernel.Measure m, Scratch s) {
            double u = Math.fma(upper[i], Bounds.UP, moveUp[a]);
            double l = Math.fma(lower[i], Bounds.DOWN, -moveOthers[a]);
            lower[i] = l;
            double z = Math.max(l, nearestHalf[a]);
            if (!bounds.separated(z, u)) {
                s.evaluated++;
                u = bounds.upper(m.one(x, xo, a));
                if (!bounds.separated(z, u)) {
                    return measureRow(i, x, xo, m, s);
                }
            }
            upper[i] = u;
            return a;
        }

        /** All k distances: the reference's label, u its distance's bound and l the second smallest's. */
        private int measureRow(int i, double[] x, int xo, Kernel.Measure m, Scratch s) {
            int best = measureAll(x, xo, m, s);
            double[] dist = s.dist;
            double second = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != best) {
                    second = Math.min(second, dist[c]); // a NaN stays, and proves nothing
                }
            }
            upper[i] = bounds.upper(dist[best]);
            lower[i] = bounds.lower(second);
            return best;
        }
    }
}
