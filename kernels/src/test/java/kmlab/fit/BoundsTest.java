package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lemmas of {@link Bounds}' proof, each checked in exact arithmetic (BigDecimal) on random
 * vectors at every scale the doubles have: subnormal squares, ordinary ones, and squares that
 * overflow. The textbook bound (sqrt of the computed square) fails the first one.
 */
class BoundsTest {
    static final int[] DIMS = {1, 2, 3, 8, 33, 64};
    /** Scales of the coordinates: squares subnormal (2^-540), tiny, ordinary, large, overflowing (2^510). */
    static final int[] SCALES = {-540, -530, -300, 0, 300, 505, 510};

    /** The reference's squared distance (the fma chain). */
    static double reference(double[] x, double[] c) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double diff = x[j] - c[j];
            s = Math.fma(diff, diff, s);
        }
        return s;
    }

    static BigDecimal exactSquare(double[] x, double[] c) {
        BigDecimal s = BigDecimal.ZERO;
        for (int j = 0; j < x.length; j++) {
            BigDecimal diff = new BigDecimal(x[j]).subtract(new BigDecimal(c[j]));
            s = s.add(diff.multiply(diff));
        }
        return s;
    }

    /** x, and c near it (about 1e-3 of the scale away, or a few ulps, or the same) or anywhere. */
    static double[][] pair(int d, int scale, SplittableRandom rnd) {
        double[] x = new double[d];
        double[] c = new double[d];
        int kind = rnd.nextInt(4);
        for (int j = 0; j < d; j++) {
            x[j] = Math.scalb(rnd.nextDouble(-1, 1), scale);
            c[j] = switch (kind) {
                case 0 -> Math.scalb(rnd.nextDouble(-1, 1), scale);
                case 1 -> x[j] + Math.scalb(rnd.nextDouble(-1, 1), scale - 10);
                case 2 -> x[j] + rnd.nextInt(-3, 4) * Math.ulp(x[j]);
                default -> x[j];
            };
        }
        return new double[][] {x, c};
    }

    @Test
    void upperAndLowerBoundTheExactDistance() {
        SplittableRandom rnd = new SplittableRandom(1);
        int textbookAbove = 0;
        int overflowed = 0;
        for (int d : DIMS) {
            Bounds b = new Bounds(d);
            for (int scale : SCALES) {
                for (int t = 0; t < 150; t++) {
                    double[][] p = pair(d, scale, rnd);
                    double dsq = reference(p[0], p[1]);
                    BigDecimal exact = exactSquare(p[0], p[1]);
                    String what = "d=" + d + " scale=" + scale + " D^=" + dsq + " exact=" + exact.doubleValue();
                    double up = b.upper(dsq);
                    assertTrue(up == Double.POSITIVE_INFINITY || square(up).compareTo(exact) >= 0, what + " upper " + up);
                    double lo = b.lower(dsq);
                    assertTrue(lo <= 0 || square(lo).compareTo(exact) <= 0, what + " lower " + lo);
                    if (Double.isInfinite(dsq)) {
                        overflowed++;
                    }
                    if (Double.isFinite(dsq) && square(Math.sqrt(dsq)).compareTo(exact) > 0) {
                        textbookAbove++;
                    }
                }
            }
        }
        assertTrue(overflowed > 0, "no square overflowed");
        assertTrue(textbookAbove > 0, "sqrt(D^) never exceeded the exact distance: the test is too easy");
    }

    /** A lower bound above the threshold of u is above (1 + 2g) u + 2 sqrt(eta), exactly. */
    @Test
    void theThresholdCoversTheOrdersPremise() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int d : DIMS) {
            Bounds b = new Bounds(d);
            BigDecimal g = new BigDecimal(Bounds.gamma(d + 2));
            BigDecimal rootEtaTwice = new BigDecimal(2 * Math.sqrt(d + 1.0) * 0x1p-537).multiply(
                    BigDecimal.ONE.add(new BigDecimal(0x1p-50))); // sqrt's own rounding, generously
            for (int scale : SCALES) {
                for (int t = 0; t < 200; t++) {
                    double u = Math.scalb(rnd.nextDouble(), Math.min(scale, 499));
                    double thr = b.threshold(u);
                    double l = Math.nextUp(thr);
                    BigDecimal premise = BigDecimal.ONE.add(g.multiply(BigDecimal.TWO)).multiply(new BigDecimal(u))
                            .add(rootEtaTwice);
                    assertTrue(Double.isInfinite(thr) || new BigDecimal(l).compareTo(premise) > 0,
                            "d=" + d + " u=" + u);
                }
            }
        }
    }

    /** fma(u, UP, m UP) >= u + m, and fma(l, DOWN, -m) <= l - m or negative, exactly. */
    @Test
    void boundUpdatesRoundTheSafeWay() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 20_000; t++) {
            double u = Math.scalb(rnd.nextDouble(), rnd.nextInt(-1000, 1000));
            double m = Math.scalb(rnd.nextDouble(), rnd.nextInt(-1000, 1000));
            if (rnd.nextInt(4) == 0) {
                m = u * rnd.nextDouble(0.5, 2); // a move about the bound's size
            }
            double up = Math.fma(u, Bounds.UP, m * Bounds.UP);
            assertTrue(up == Double.POSITIVE_INFINITY
                    || new BigDecimal(up).compareTo(new BigDecimal(u).add(new BigDecimal(m))) >= 0, u + " + " + m);
            double down = Math.fma(u, Bounds.DOWN, -m);
            assertTrue(down < 0 || down <= 0x1p-1000
                    || new BigDecimal(down).compareTo(new BigDecimal(u).subtract(new BigDecimal(m))) <= 0, u + " - " + m);
        }
    }

    static BigDecimal square(double v) {
        BigDecimal b = new BigDecimal(v);
        return b.multiply(b, MathContext.UNLIMITED);
    }
}
