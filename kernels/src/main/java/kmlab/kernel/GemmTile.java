package kmlab.kernel;

import kmlab.data.RowMatrix;

/**
 * The gemm kernel's tile on its own, for the JMH benchmark {@code kmlab.bench.TileBench}: one pass
 * of {@link GemmKernel}'s 4 points x 4 centre-vector tile over every row of a row-major matrix,
 * with the tile's merge into its lane slots (each row's best score, its centre, the runner-up) but
 * without the horizontal step, the near-tie check and the update sums that complete an assignment
 * pass. Set against the whole pass ({@code KernelBench.assign}), it splits the pass's time into the
 * tile and the rest. Not used by fit.
 */
public final class GemmTile {
    private static final int L = VectorWidth.Species.DOUBLE.length();

    private final double[] x;
    private final int n;
    private final int d;
    private final int kp;
    private final double[] ct;
    private final double[] start;
    final GemmKernel.Scratch scratch = new GemmKernel.Scratch();
    /** Rows whose lane slots one round of tiles fills: the kernel's row block, read off its scratch. */
    private final int rowBlock;

    /**
     * The tile against the first {@code k} rows of {@code centres} (k x d, row-major), laid out as
     * the kernel lays them out ({@link GemmKernel.Centres}); k must fill whole tiles (a multiple of 4 x the lanes),
     * as a k the tile does not fill would need the kernel's narrower tiles too.
     */
    public GemmTile(RowMatrix data, double[] centres, int k) {
        if (k % (4 * L) != 0) {
            throw new IllegalArgumentException("k = " + k + ": the tile needs a multiple of " + 4 * L
                    + " centres (4 vectors of " + L + " lanes)");
        }
        this.x = data.data();
        this.n = data.n();
        this.d = data.d();
        this.kp = k;
        GemmKernel.Centres laid = GemmKernel.Centres.of(centres, k, d, k);
        this.ct = laid.ct();
        this.start = laid.start();
        this.rowBlock = scratch.laneIdx.length / L - 4;
        scratch.ensure(rowBlock);
    }

    /** One pass over every row; returns a lane slot, for the benchmark to consume. */
    public double pass() {
        double[] lm = scratch.laneMax;
        double[] li = scratch.laneIdx;
        double[] ls = scratch.laneSecond;
        for (int b = 0; b < n; b += rowBlock) {
            int e = Math.min(n, b + rowBlock);
            for (int g = 0, q = GemmKernel.groups(b, e); g < q; g++) { // the kernel's row groups
                int r0 = GemmKernel.groupRow(b, e, g, 0);
                int r1 = GemmKernel.groupRow(b, e, g, 1);
                int r2 = GemmKernel.groupRow(b, e, g, 2);
                int r3 = GemmKernel.groupRow(b, e, g, 3);
                for (int c = 0; c < kp; c += 4 * L) {
                    GemmKernel.tileOfFourVectors(x, r0 * d, r1 * d, r2 * d, r3 * d, d, ct, start, kp, c, lm, li, ls,
                            (r0 - b) * L, (r1 - b) * L, (r2 - b) * L, (r3 - b) * L, c == 0);
                }
            }
        }
        return lm[0] + li[0] + ls[0];
    }
}
