package kmlab.kernel;

import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * The gemm kernel with the nearest-centre search in float: twice the lanes of double, so a tile
 * of 4 points x 2 float vectors covers the same 32 centres as the double tile's 4 x 4. A span of
 * a chunk's rows at a time is converted to a float block and searched by the tiles of
 * {@link GemmFloatTiles} (the double kernel's template, in float): centres, scores and the
 * lane-wise argmax (with each row's runner-up) are float. A row whose float lead is not above the
 * bound of {@link NearTies} (float rounding of x, c and the scores included) is settled by the
 * double scalar reference, so the labels are the scalar kernel's bit for bit. The update sums
 * (from the double rows), k-means++ and the inertia are the double gemm kernel's.
 */
final class GemmFloatKernel extends FloatVariant<GemmKernel> {
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread float scratch: a span's rows as floats (see GemmKernel.spanRows), labels, the tiles' lane slots. */
    private static final class Scratch {
        float[] rows = new float[0];
        int[] labels = new int[0];
        final GemmFloatTiles.Scratch tiles = new GemmFloatTiles.Scratch();

        void ensure(int rows, int d) {
            if (this.rows.length < rows * d) {
                this.rows = new float[rows * d];
            }
            if (labels.length < rows) {
                labels = new int[rows];
            }
        }
    }

    private final boolean settle;

    GemmFloatKernel(Matrix data) {
        this(data, true);
    }

    /** {@code settle = false} only in tests: E = 0, near-ties left to the float scores (see NearTies). */
    GemmFloatKernel(Matrix data, boolean settle) {
        super(new GemmKernel(data));
        this.settle = settle;
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        Matrix data = doubles.data();
        int d = data.d();
        GemmFloatTiles.Centres laid = GemmFloatTiles.Centres.of(centres, k, d);
        NearTies ties = NearTies.gemmFloat(centres, k, d, doubles.rowNorms(), settle);
        // a span at a time (GemmKernel.spanRows): KernelBench.assign, float, 262,144 x 32, 3 interleaved
        // forks: k = 8 18.0 -> 15.2 ms on one thread, 8.2 -> 7.1 on two; k = 32 21.2 -> 18.8
        return (from, to, labels, acc) -> {
            int rows = to - from;
            int span = GemmKernel.spanRows(rows, d);
            double[] x = doubles.rowsOf(from, to, doubles.scratch());
            int off = data instanceof RowMatrix ? from * d : 0;
            Scratch sc = scratches.get();
            sc.ensure(Math.min(rows, span), d);
            for (int s = 0; s < rows; s += span) {
                int m = Math.min(span, rows - s);
                int xo = off + s * d;
                for (int i = 0; i < m * d; i++) {
                    sc.rows[i] = (float) x[xo + i];
                }
                GemmFloatTiles.nearestRows(sc.rows, 0, x, xo, from + s, m, d, laid, sc.tiles, ties, sc.labels);
                GemmKernel.accumulate(x, xo, from + s, m, d, sc.labels, labels, acc);
            }
        };
    }
}
