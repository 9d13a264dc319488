package kmlab.kernel;

import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * Settles near-ties so that a fast kernel's labels are the scalar reference's, bit for bit. A fast
 * kernel finds, for each row, its best centre b by its own arithmetic (the gemm score
 * x.c - |c|^2/2, or a float distance) and the runner-up's score; when the gap between them is
 * not above a proven rounding bound E, the row's label is recomputed with the reference's own
 * formula over all k centres ({@link ScalarKernel#nearest}: first index wins on exact ties).
 * Above E, the reference's distances provably order b strictly first, so its label is b as well.
 *
 * <p>The bound. Notation: u the unit roundoff (2^-53 double, u_f = 2^-24 float), gamma_n =
 * n u / (1 - n u), t = |x| + M with M = max_c |c| (so |x - c|^2 <= t^2 and |x||c| + |c|^2 <= t^2
 * for every centre), S_c = x.c - |c|^2/2 the exact score, D_c = |x - c|^2 = |x|^2 - 2 S_c.
 * <ul>
 * <li>Reference: D^_c = fma chain of fl(x_j - c_j)^2 over d terms, all non-negative:
 *     |D^_c - D_c| <= gamma_{d+2} D_c (two roundings of the difference, d of the sum). So if
 *     D_c - D_b > gamma_{d+2} (D_b + D_c), which holds when D_c - D_b >= 2 gamma_{d+2} t^2, then
 *     D^_b < D^_c strictly and the reference picks b.
 * <li>gemm double: |c|^2 by d roundings (gamma_d |c|^2), then the fma chain of d terms from
 *     -|c|^2/2 (gamma_d (|c|^2/2 + |x||c|), Cauchy-Schwarz for sum |x_j c_j|): the score's error
 *     e_c <= gamma_d (1 + gamma_d) (|c|^2 + |x||c|) <= gamma_d (1 + gamma_d) t^2. Since
 *     D_c - D_b = 2 (S_b - S_c) >= 2 (gap - e_b - e_c), gap > E = 2 e_max + gamma_{d+2} t^2
 *     suffices: 3 gamma_{d+2} (1 + gamma_d) t^2, taken as 3 gamma_{d+3} t^2.
 * <li>gemm float: x and c rounded to float (u_f each: 2 u_f + u_f^2 on x.c and |c|^2, |c|^2 of
 *     floats is exact in double up to gamma_d(double), one more u_f rounding it to float), then a
 *     float fma chain of d terms: e_c <= (gamma^f_d + 3 u_f + second order)(|x||c| + |c|^2/2)
 *     <= gamma^f_{d+5} t^2 / 2, so E = 2 e_max + gamma_{d+2} t^2 = (gamma^f_{d+5} + gamma_{d+3}) t^2.
 * <li>simd float (distances, not scores): fl(x~_j - c~_j) is off by at most 2 u_f (1 + u_f)
 *     (|x_j| + |c_j|), its square by 4 u_f (1 + 3 u_f)(|x_j| + |c_j|)^2, summed (Minkowski) at most
 *     4 u_f (...) t^2, and the float chain adds gamma^f_d: e_c <= gamma^f_{d+6} t^2; the gap of
 *     distances needs E = 2 e_max + 2 gamma_{d+2} t^2 = 2 (gamma^f_{d+6} + gamma_{d+3}) t^2.
 * </ul>
 * Every bound is multiplied by {@link #SAFETY} (2), which also covers the rounding of t, of the
 * norms and of E itself (relative O(d u), far below a factor 2). Subnormal results add an absolute
 * error per operation (2^-1075 double, 2^-150 float, and float conversions of x and c, which
 * scale with |x| + |c|): a term (d + 1) 2^-1022 (1 + t) in double (needed: about d 2^-1072; the
 * smallest normal, because arithmetic on subnormal operands takes a microcode assist on x86,
 * which cost 20 ms a pass of 256k rows when this term was 2^-1070), (d + 1) 2^-144 (1 + t) in
 * float, covers them with the same factor. The simd float kernel computes the gap of its two
 * float distances in double (fl(a - b) > E implies a - b > E, rounding being monotone and E a
 * double; a NaN gap settles). The gemm kernels instead require every other score to lie below
 * best - E: in double its rounding, at most u |best| <= u t^2, is far inside the safety factor;
 * in float see {@link #reach(float, double)}. E is infinite, so the row settles, where t^2 reaches
 * {@code limit} (2^1020 double, 2^120 float) or is NaN: below it, finite data and centres cannot
 * overflow a score, so no score is NaN. The bounds hold for d u_f <= 1/64 (d <= 262,144); beyond
 * it gamma is infinite and every row settles.
 */
final class NearTies {
    static final double SAFETY = 2.0;
    private static final double U = 0x1p-53;
    private static final double U_FLOAT = 0x1p-24;

    private final double[] centres;
    private final int k;
    private final int d;
    private final double[] rowNorms;
    private final double maxNorm;
    private final double rel;
    private final double abs;
    private final double limit;

    /**
     * {@code on = false} only in tests: E = 0, so that only exact ties of the fast scores go to the
     * reference, which shows what the bound itself settles.
     */
    private NearTies(double[] centres, int k, int d, double[] rowNorms, double rel, double abs, double limit,
                     boolean on) {
        this.centres = centres;
        this.k = k;
        this.d = d;
        this.rowNorms = rowNorms;
        this.maxNorm = maxNorm(centres, k, d);
        this.rel = on ? rel : 0;
        this.abs = on ? abs : 0;
        this.limit = limit;
    }

    /** For the double gemm kernel: gaps of x.c - |c|^2/2. */
    static NearTies gemmDouble(double[] centres, int k, int d, double[] rowNorms, boolean on) {
        return new NearTies(centres, k, d, rowNorms, SAFETY * 3 * gamma(d + 3, U), (d + 1) * Double.MIN_NORMAL, 0x1p1020,
                on);
    }

    /** For the float gemm kernel: gaps of the float x~.c~ - |c~|^2/2. */
    static NearTies gemmFloat(double[] centres, int k, int d, double[] rowNorms, boolean on) {
        return new NearTies(centres, k, d, rowNorms, SAFETY * (gamma(d + 5, U_FLOAT) + gamma(d + 3, U)),
                (d + 1) * 0x1p-144, 0x1p120, on);
    }

    /** For the float simd kernel: gaps of float squared distances. */
    static NearTies simdFloat(double[] centres, int k, int d, double[] rowNorms, boolean on) {
        return new NearTies(centres, k, d, rowNorms, SAFETY * 2 * (gamma(d + 6, U_FLOAT) + gamma(d + 3, U)),
                (d + 1) * 0x1p-144, 0x1p120, on);
    }

    /** gamma_n = n u / (1 - n u), infinite where the bounds above are not claimed (n u > 1/64). */
    static double gamma(int n, double u) {
        double nu = n * u;
        return nu <= 1.0 / 64 ? nu / (1 - nu) : Double.POSITIVE_INFINITY;
    }

    /** The bound E for row {@code row} (global index); infinite where a score could overflow. */
    double bound(int row) {
        double t = rowNorms[row] + maxNorm;
        double t2 = t * t;
        return t2 < limit ? rel * t2 + abs * (1 + t) : Double.POSITIVE_INFINITY;
    }

    /**
     * Whether the fast label of row {@code row} stands: its score leads every other centre's by
     * {@code gap} (in the kernel's units), and gap > E (false for a NaN gap).
     */
    boolean proven(int row, double gap) {
        return gap > bound(row);
    }

    /**
     * The gemm double kernel's reach: best - E, whose rounding (at most u |best| <= u t^2) lies far
     * inside E's safety factor, so every score below it trails best by more than E.
     */
    static double reach(double best, double bound) {
        return best - bound;
    }

    /**
     * The gemm float kernel's reach: a float at or below best - E, that is best - E (1 + 2^-20) -
     * |best| 2^-23 in double, rounded to the nearest float (off by at most 2^-24 of its size, which
     * the two extra terms cover). Branch-free: rounding down with a test cost a mispredicted branch
     * every other row.
     */
    static float reach(float best, double bound) {
        return (float) (best - bound * (1 + 0x1p-20) - Math.abs((double) best) * 0x1p-23);
    }

    /** The reference's label of the row at {@code x[xo..xo+d)} (the matrix's own values). */
    int nearest(double[] x, int xo) {
        return ScalarKernel.nearest(x, xo, centres, k, d);
    }

    /** The largest Euclidean norm among the k centres (row-major k x d). */
    static double maxNorm(double[] centres, int k, int d) {
        double m = 0;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s = Math.fma(centres[c * d + j], centres[c * d + j], s);
            }
            m = Math.max(m, Math.sqrt(s));
        }
        return m;
    }

    /** |x_i| for every row, once per kernel (the data are fixed), read in the layout's order. */
    static double[] rowNorms(Matrix data) {
        int n = data.n();
        int d = data.d();
        double[] s = new double[n];
        switch (data) {
            case ColumnMatrix m -> {
                double[] col = m.data();
                for (int j = 0; j < d; j++) {
                    int o = j * m.stride();
                    for (int i = 0; i < n; i++) {
                        s[i] = Math.fma(col[o + i], col[o + i], s[i]);
                    }
                }
            }
            case RowMatrix m -> {
                double[] x = m.data();
                for (int i = 0; i < n; i++) {
                    s[i] = sumOfSquares(x, i * d, d);
                }
            }
            case BoxedMatrix m -> {
                for (int i = 0; i < n; i++) {
                    s[i] = sumOfSquares(m.points().get(i).features(), 0, d);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            s[i] = Math.sqrt(s[i]);
        }
        return s;
    }

    private static double sumOfSquares(double[] x, int o, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s = Math.fma(x[o + j], x[o + j], s);
        }
        return s;
    }
}
