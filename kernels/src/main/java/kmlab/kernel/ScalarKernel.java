package kmlab.kernel;

import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * Plain loops, the reference. Every layout runs the same arithmetic in the same order
 * ({@link #distanceSq}: s = fma(x_j - c_j, x_j - c_j, s), j ascending), so labels and sums are
 * identical across layouts: boxed and rows read a row in place, columns gathers it into a small
 * buffer first. The vector kernels' k-means++ distances are this very sequence per lane.
 */
final class ScalarKernel implements Kernel {
    private final Matrix data;

    ScalarKernel(Matrix data) {
        this.data = data;
    }

    @Override
    public Matrix data() {
        return data;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.SCALAR;
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = data.d();
        return (from, to, labels, acc) -> forEachRow(from, to, (i, x, xo) -> {
            int best = nearest(x, xo, centres, k, d);
            acc.add(best, x, xo, d, labels[i] != best);
            labels[i] = best;
        });
    }

    @Override
    public void seedDistances(double[] candidates, int trials, double[] closest, double[][] out, double[] pots,
                              int from, int to) {
        int d = data.d();
        java.util.Arrays.fill(pots, 0, trials, 0.0);
        forEachRow(from, to, (i, x, xo) -> {
            for (int t = 0; t < trials; t++) {
                double v = Math.min(closest[i], distanceSq(x, xo, candidates, t * d, d));
                out[t][i] = v;
                pots[t] += v;
            }
        });
    }

    /** Row i of the matrix, in place at x[xo..xo+d). */
    @FunctionalInterface
    private interface RowVisitor {
        void visit(int i, double[] x, int xo);
    }

    /** Visits rows [from, to) in order: boxed and rows in place, columns through a gathered copy. */
    // instanceof, not a pattern switch over the sealed Matrix: the switch's first run spins a class
    // (SwitchBootstraps, the classfile API), which no AOT cache keeps: milliseconds of every fresh JVM
    private void forEachRow(int from, int to, RowVisitor v) {
        int d = data.d();
        if (data instanceof RowMatrix m) {
            double[] x = m.data();
            for (int i = from; i < to; i++) {
                v.visit(i, x, i * d);
            }
        } else if (data instanceof BoxedMatrix m) {
            for (int i = from; i < to; i++) {
                v.visit(i, m.points().get(i).features(), 0);
            }
        } else {
            ColumnMatrix m = (ColumnMatrix) data;
            double[] row = new double[d];
            for (int i = from; i < to; i++) {
                m.copyRow(i, row, 0);
                v.visit(i, row, 0);
            }
        }
    }

    /**
     * The reference's nearest centre (row-major k x d) of the row at {@code x[xo..xo+d)}: the
     * smallest {@link #distanceSq}, the first on a tie (strict '<'; 0 if every distance is NaN).
     */
    static int nearest(double[] x, int xo, double[] centres, int k, int d) {
        // two centres a loop: each keeps its own fma chain, the same sequence as distanceSq, so the
        // distances are bitwise its; two independent chains hide the FMA's latency (a single chain
        // waits 4 cycles a step here: the distance loop took 7.8 ms against 4.7, 50,000 x 8 x 32, C2)
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        int c = 0;
        for (; c + 1 < k; c += 2) {
            int c0 = c * d;
            int c1 = c0 + d;
            double s0 = 0;
            double s1 = 0;
            for (int j = 0; j < d; j++) {
                double xj = x[xo + j];
                double d0 = xj - centres[c0 + j];
                double d1 = xj - centres[c1 + j];
                s0 = Math.fma(d0, d0, s0);
                s1 = Math.fma(d1, d1, s1);
            }
            if (s0 < bestDist) {
                bestDist = s0;
                best = c;
            }
            if (s1 < bestDist) {
                bestDist = s1;
                best = c + 1;
            }
        }
        if (c < k && distanceSq(x, xo, centres, c * d, d) < bestDist) {
            best = c;
        }
        return best;
    }

    /**
     * The library's one squared distance: s = fma(diff, diff, s) over j ascending from s = 0, with
     * diff = x_j - c_j. The vector kernels compute exactly this sequence per lane (k-means++ in all
     * of them, the simd kernel's assignment too), and {@link Matrix#distanceSq} is the same loop.
     * Math.fma is an intrinsic on x86 with FMA in the interpreter, C1 and C2.
     */
    static double distanceSq(double[] x, int xo, double[] c, int co, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = x[xo + j] - c[co + j];
            s = Math.fma(diff, diff, s);
        }
        return s;
    }
}
