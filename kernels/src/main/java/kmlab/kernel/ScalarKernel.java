package kmlab.kernel;

import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * Plain loops, the reference. Every layout runs the same arithmetic in the same order
 * (sum over j of (x_j - c_j)^2, j ascending), so labels and sums are identical across layouts:
 * boxed and rows read a row in place, columns gathers it into a small buffer first.
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
        return switch (data) {
            case RowMatrix m -> (from, to, labels, acc) -> {
                double[] x = m.data();
                for (int i = from; i < to; i++) {
                    assignRow(x, i * d, i, centres, k, d, labels, acc);
                }
            };
            case BoxedMatrix m -> (from, to, labels, acc) -> {
                for (int i = from; i < to; i++) {
                    assignRow(m.points().get(i).features(), 0, i, centres, k, d, labels, acc);
                }
            };
            case ColumnMatrix m -> (from, to, labels, acc) -> {
                double[] row = new double[d];
                for (int i = from; i < to; i++) {
                    m.copyRow(i, row, 0);
                    assignRow(row, 0, i, centres, k, d, labels, acc);
                }
            };
        };
    }

    private static void assignRow(double[] x, int xo, int i, double[] centres, int k, int d,
                                  int[] labels, ChunkSums acc) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double dist = distanceSq(x, xo, centres, c * d, d);
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        boolean changed = labels[i] != best;
        labels[i] = best;
        acc.add(best, x, xo, d, bestDist, changed);
    }

    @Override
    public double seedDistances(double[] candidate, double[] closest, double[] out, int from, int to) {
        int d = data.d();
        double sum = 0;
        switch (data) {
            case RowMatrix m -> {
                double[] x = m.data();
                for (int i = from; i < to; i++) {
                    sum += out[i] = Math.min(closest[i], distanceSq(x, i * d, candidate, 0, d));
                }
            }
            case BoxedMatrix m -> {
                for (int i = from; i < to; i++) {
                    sum += out[i] = Math.min(closest[i], distanceSq(m.points().get(i).features(), 0, candidate, 0, d));
                }
            }
            case ColumnMatrix m -> {
                double[] row = new double[d];
                for (int i = from; i < to; i++) {
                    m.copyRow(i, row, 0);
                    sum += out[i] = Math.min(closest[i], distanceSq(row, 0, candidate, 0, d));
                }
            }
        }
        return sum;
    }

    static double distanceSq(double[] x, int xo, double[] c, int co, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = x[xo + j] - c[co + j];
            s += diff * diff;
        }
        return s;
    }
}
