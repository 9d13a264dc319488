package kmlab.fit;

import kmlab.kernel.Kernel;

/**
 * Elkan's algorithm (2003), exact: per row an upper bound u of the distance to its centre a and k
 * lower bounds, one per centre, and per pair of centres half their distance. A row whose u is
 * provably below s(a) (half the distance to a's nearest other centre) keeps its label unmeasured;
 * otherwise each other centre c is skipped where its lower bound or half the distance from a to c
 * provably exceeds u ({@link Bounds#separated}, with a margin for rounding), and measured where
 * not, after u is first tightened to the measured distance to a. A measured centre takes the row
 * where the reference would: a smaller distance, or the same and a lower index. So every label is
 * the reference's, and the fit Lloyd's, bit for bit.
 *
 * <p>Memory: n x k doubles of lower bounds (256k rows at k = 32: 64 MB) and n of upper bounds, plus
 * k x k half distances; a fit needs n x k below 2^31.
 */
public final class Elkan implements Algorithm {
    public static final Elkan INSTANCE = new Elkan();

    private Elkan() {
    }

    @Override
    public String label() {
        return "elkan";
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
        /** Row-major n x k: row i's lower bounds at [i k, i k + k). */
        private final double[] lower;

        Fit(KMeans driver, int k, Bounds bounds) {
            super(driver, k, bounds, true);
            long size = (long) n * k;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("elkan keeps n x k lower bounds, " + n + " x " + k
                        + " is too many for one array: use hamerly");
            }
            this.upper = new double[n];
            this.lower = new double[(int) size];
        }

        @Override
        int first(int i, double[] x, int xo, Kernel.Measure m, Scratch s) {
            return measureRow(i, x, xo, m, s);
        }

        @Override
        int next(int i, double[] x, int xo, int a, Kernel.Measure m, Scratch s) {
            int o = i * k;
            double[] lb = lower;
            for (int c = 0; c < k; c++) {
                lb[o + c] = Math.fma(lb[o + c], Bounds.DOWN, -move[c]);
            }
            double u = Math.fma(upper[i], Bounds.UP, moveUp[a]);
            if (bounds.separated(nearestHalf[a], u)) {
                upper[i] = u;
                return a;
            }
            return scan(i, x, xo, a, u, m, s);
        }

        /** Row i past the first test: the centres its bounds do not exclude, measured in index order. */
        private int scan(int i, double[] x, int xo, int a, double u, Kernel.Measure m, Scratch s) {
            int o = i * k;
            double[] lb = lower;
            int was = a;
            double thr = bounds.threshold(u);
            double best = 0; // the reference's distance to a, once measured
            boolean tight = false;
            for (int c = 0; c < k; c++) {
                if (c == was || c == a || lb[o + c] > thr || half[a * k + c] > thr) {
                    continue;
                }
                if (!tight) { // a is measured at most once, and only where a bound was not enough
                    tight = true;
                    best = m.one(x, xo, a);
                    s.evaluated++;
                    if (!(best < Double.POSITIVE_INFINITY)) {
                        return measureRow(i, x, xo, m, s); // no order to prove from: the reference's scan
                    }
                    lb[o + a] = bounds.lower(best);
                    u = bounds.upper(best);
                    thr = bounds.threshold(u);
                    if (lb[o + c] > thr || half[a * k + c] > thr) {
                        continue;
                    }
                }
                double dc = m.one(x, xo, c);
                s.evaluated++;
                lb[o + c] = bounds.lower(dc);
                if (dc < best || dc == best && c < a) { // the reference's choice: smaller, or as small and first
                    a = c;
                    best = dc;
                    u = bounds.upper(dc);
                    thr = bounds.threshold(u);
                }
            }
            upper[i] = u;
            return a;
        }

        /** All k distances: every lower bound from them, the reference's label, u its distance's bound. */
        private int measureRow(int i, double[] x, int xo, Kernel.Measure m, Scratch s) {
            int best = measureAll(x, xo, m, s);
            double[] dist = s.dist;
            int o = i * k;
            for (int c = 0; c < k; c++) {
                lower[o + c] = bounds.lower(dist[c]);
            }
            upper[i] = bounds.upper(dist[best]);
            return best;
        }
    }
}
