package kmlab.kernel;

import kmlab.data.Matrix;

/**
 * The simd kernel with the nearest-centre search in float: points in lanes, twice the lanes of
 * double, the tiles of {@link SimdFloatTiles} (the double kernel's template, in float: 4 float
 * vectors, 64 points with 512-bit vectors, x 2 centres). Each chunk's
 * column block is converted to float; each row's smallest and second smallest float distance are
 * kept, and a row whose lead is not above the bound of {@link NearTies} (float rounding of x, c
 * and the distances included) is settled by the double scalar reference, so the labels are the
 * scalar kernel's bit for bit. The update sums (from the double block) and k-means++ are the
 * double simd kernel's.
 */
final class SimdFloatKernel extends FloatVariant<VectorKernel> {
    private static final int L = SimdFloatTiles.L;

    /** Per-thread scratch: the float column block, per-row results, and one double row to settle. */
    private static final class Scratch {
        float[] x = new float[0];
        float[] nearest = new float[0];
        float[] best = new float[0];
        float[] second = new float[0];
        double[] row = new double[0];
    }

    private final ThreadLocal<Scratch> blocks = ThreadLocal.withInitial(Scratch::new);
    /** |x_i| of every row, for the near-tie bound. */
    private final double[] rowNorms;
    private final boolean settle;

    SimdFloatKernel(Matrix data) {
        this(data, true);
    }

    /** {@code settle = false} only in tests: E = 0, near-ties left to the float distances (see NearTies). */
    SimdFloatKernel(Matrix data, boolean settle) {
        super(new VectorKernel(data));
        this.rowNorms = NearTies.rowNorms(data);
        this.settle = settle;
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = doubles.data().d();
        float[] c = new float[centres.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) centres[i];
        }
        NearTies ties = NearTies.simdFloat(centres, k, d, rowNorms, settle);
        return (from, to, labels, acc) -> {
            for (int s = from; s < to; s += VectorKernel.SUB_BLOCK) {
                int e = Math.min(to, s + VectorKernel.SUB_BLOCK);
                assign(s, e, d, c, k, ties, labels, acc);
            }
        };
    }

    /** Rows [from, to), at most one sub-block. */
    private void assign(int from, int to, int d, float[] c, int k, NearTies ties, int[] labels, ChunkSums acc) {
        int rows = to - from;
        VectorKernel.Block b = doubles.columns(from, to);
        int bs = (rows + L - 1) / L * L;
        Scratch sc = blocks.get();
        if (sc.x.length < bs * d) {
            sc.x = new float[bs * d];
        }
        if (sc.nearest.length < bs) {
            sc.nearest = new float[bs];
            sc.best = new float[bs];
            sc.second = new float[bs];
        }
        if (sc.row.length < d) {
            sc.row = new double[d];
        }
        float[] x = sc.x;
        for (int j = 0; j < d; j++) {
            int src = b.offset + j * b.stride;
            for (int r = 0; r < rows; r++) {
                x[j * bs + r] = (float) b.base[src + r];
            }
        }
        float[] nearest = sc.nearest;
        float[] best = sc.best;
        float[] second = sc.second;
        SimdFloatTiles.nearest(x, 0, bs, rows, d, c, k, nearest, best, second);
        for (int r = 0; r < rows; r++) {
            // the lead of exact float distances, subtracted in double (see NearTies)
            if (ties.proven(from + r, (double) second[r] - best[r])) {
                b.nearest[r] = nearest[r];
            } else {
                double[] row = sc.row;
                for (int j = 0; j < d; j++) {
                    row[j] = b.base[b.offset + j * b.stride + r];
                }
                b.nearest[r] = ties.nearest(row, 0);
            }
        }
        VectorKernel.accumulate(b, from, rows, d, labels, acc);
    }
}
