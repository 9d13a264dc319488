package kmlab.kernel;

import kmlab.data.RowMatrix;

/**
 * The gemm kernel's tile on its own, for the JMH benchmark {@code kmlab.bench.TileBench}: one pass
 * of {@link GemmDoubleTiles}'s 4 points x 4 centre-vector tile over every row of a row-major
 * matrix, with the tile's merge into its lane slots (each row's best score, its centre, the
 * runner-up) but without the horizontal step, the near-tie check and the update sums that
 * complete an assignment pass. Set against the whole pass ({@code KernelBench.assign}), it splits
 * the pass's time into the tile and the rest. Not used by fit.
 */
public final class GemmTile {
    private static final int L = GemmDoubleTiles.L;
    /** Rows whose lane slots one round of tiles fills: the kernel's row block. */
    private static final int ROW_BLOCK = GemmDoubleTiles.ROW_BLOCK;

    private final double[] x;
    private final int n;
    private final int d;
    private final GemmDoubleTiles.Centres centres;
    final GemmDoubleTiles.Scratch scratch = new GemmDoubleTiles.Scratch();

    /**
     * The tile against the first {@code k} rows of {@code centres} (k x d, row-major), laid out as
     * the kernel lays them out; k must fill whole tiles (a multiple of 4 x the lanes), as a k the
     * tile does not fill would need the kernel's narrower tiles too.
     */
    public GemmTile(RowMatrix data, double[] centres, int k) {
        if (k % (4 * L) != 0) {
            throw new IllegalArgumentException("k = " + k + ": the tile needs a multiple of " + 4 * L
                    + " centres (4 vectors of " + L + " lanes)");
        }
        this.x = data.data();
        this.n = data.n();
        this.d = data.d();
        this.centres = GemmDoubleTiles.Centres.of(centres, k, d);
    }

    /** One pass over every row; returns a lane slot, for the benchmark to consume. */
    public double pass() {
        double[] ct = centres.ct();
        double[] start = centres.start();
        int kp = centres.kp();
        for (int b = 0; b < n; b += ROW_BLOCK) {
            int e = Math.min(n, b + ROW_BLOCK);
            for (int c = 0; c < kp; c += 4 * L) { // every group of the block per call (the walk's order at k = 4L)
                GemmDoubleTiles.tileOfFourVectors(x, 0, b, e, 0, GemmDoubleTiles.groups(b, e), d, ct, start, kp, c,
                        scratch, c == 0);
            }
        }
        return scratch.laneMax[0] + scratch.laneIdx[0] + scratch.laneSecond[0];
    }
}
