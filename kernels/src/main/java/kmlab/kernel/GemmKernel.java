package kmlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * The GEMM-style kernel, centres in lanes: the nearest centre maximises x.c - |c|^2/2 (|x|^2 is
 * the same for every centre), searched by the tiles of {@link GemmDoubleTiles} (generated from the
 * template the float variant shares) over a contiguous row-major block: rows in place, boxed and
 * columns gathered chunk by chunk; the labels are the scalar kernel's bit for bit (near-ties
 * settled, see {@link NearTies}). This class holds what the search does not: the chunk's rows and
 * spans, the update's sums, and k-means++, which needs true distances: it runs with the trials in
 * lanes over the same row blocks, each lane the reference's own FMA sequence.
 */
final class GemmKernel implements Kernel {
    private static final VectorSpecies<Double> S = VectorWidth.Species.DOUBLE;
    private static final int L = S.length();
    /** The tiles' row block: spans are whole blocks. */
    private static final int ROW_BLOCK = GemmDoubleTiles.ROW_BLOCK;

    private final Matrix data;
    /** k-means++ when there are more trials than lanes (k above ~400 with 8 lanes). */
    private final Kernel seeding;
    /** |x_i| of every row, for the near-tie bound. */
    private final double[] rowNorms;
    /** false only in tests: E = 0, only exact ties of the scores go to the reference. */
    private final boolean settle;
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread scratch: gathered rows, labels, k-means++'s per-row lane buffer, and the tiles' lane slots. */
    static final class Scratch {
        double[] rows = new double[0];
        int[] labels = new int[0];
        /** k-means++'s per-row lane buffer for a whole chunk. */
        double[] seedLanes = new double[0];
        final GemmDoubleTiles.Scratch tiles = new GemmDoubleTiles.Scratch();
        double[] candidates = new double[0];

        double[] candidates(int size) {
            if (candidates.length < size) {
                candidates = new double[size];
            }
            return candidates;
        }

        double[] rows(int size) {
            if (rows.length < size) {
                rows = new double[size];
            }
            return rows;
        }

        void ensure(int rows) {
            if (labels.length < rows) {
                labels = new int[rows];
                seedLanes = new double[(rows + 4) * L];
            }
        }
    }

    GemmKernel(Matrix data) {
        this(data, true);
    }

    /** {@code settle = false} only in tests: E = 0, near-ties left to the scores (see NearTies). */
    GemmKernel(Matrix data, boolean settle) {
        this.data = data;
        this.seeding = new VectorKernel(data);
        this.rowNorms = NearTies.rowNorms(data);
        this.settle = settle;
    }

    /** |x_i| of every row (also the float variant's). */
    double[] rowNorms() {
        return rowNorms;
    }

    @Override
    public Matrix data() {
        return data;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.GEMM;
    }

    /**
     * k-means++ with trials in lanes (true distances, sum of (x - c)^2): 4 rows per sweep over d,
     * results parked per row in a lane buffer and handed out per trial after the chunk. More trials
     * than lanes (k above ~400 with 8 lanes) go to the {@code simd} kernel's column path.
     */
    @Override
    public void seedDistances(double[] candidates, int trials, double[] closest, double[][] out, double[] pots,
                              int from, int to) {
        if (trials > L) {
            seeding.seedDistances(candidates, trials, closest, out, pots, from, to);
            return;
        }
        int d = data.d();
        int rows = to - from;
        Scratch sc = scratches.get();
        sc.ensure(rows);
        double[] ct = sc.candidates(d * L);
        for (int j = 0; j < d; j++) {
            for (int t = 0; t < L; t++) {
                ct[j * L + t] = t < trials ? candidates[t * d + j] : 0.0;
            }
        }
        double[] x = rowsOf(from, to, sc);
        int off = data instanceof RowMatrix ? from * d : 0;
        double[] buf = sc.seedLanes;
        for (int r = 0; r < rows; r += 4) {
            int o0 = off + r * d;
            int o1 = off + Math.min(r + 1, rows - 1) * d;
            int o2 = off + Math.min(r + 2, rows - 1) * d;
            int o3 = off + Math.min(r + 3, rows - 1) * d;
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int j = 0; j < d; j++) {
                DoubleVector cv = DoubleVector.fromArray(S, ct, j * L);
                DoubleVector t = DoubleVector.broadcast(S, x[o0 + j]).sub(cv);
                a0 = t.fma(t, a0);
                t = DoubleVector.broadcast(S, x[o1 + j]).sub(cv);
                a1 = t.fma(t, a1);
                t = DoubleVector.broadcast(S, x[o2 + j]).sub(cv);
                a2 = t.fma(t, a2);
                t = DoubleVector.broadcast(S, x[o3 + j]).sub(cv);
                a3 = t.fma(t, a3);
            }
            a0.intoArray(buf, r * L);
            a1.intoArray(buf, (r + 1) * L);
            a2.intoArray(buf, (r + 2) * L);
            a3.intoArray(buf, (r + 3) * L);
        }
        for (int t = 0; t < trials; t++) {
            double[] o = out[t];
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                double v = Math.min(closest[from + r], buf[r * L + t]);
                o[from + r] = v;
                sum += v;
            }
            pots[t] = sum;
        }
    }

    /** This thread's scratch (also lent to the float variant, which shares the row gathering). */
    Scratch scratch() {
        return scratches.get();
    }

    /** Centres in lanes, each lane the reference's sequence (see {@link VectorMeasure}). */
    @Override
    public Measure measure(double[] centres, int k) {
        return new VectorMeasure(centres, k, data.d());
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = data.d();
        GemmDoubleTiles.Centres laid = GemmDoubleTiles.Centres.of(centres, k, d);
        NearTies ties = NearTies.gemmDouble(centres, k, d, rowNorms, settle);
        return (from, to, labels, acc) -> {
            int rows = to - from;
            int span = spanRows(rows, d);
            Scratch sc = scratches.get();
            sc.ensure(rows);
            double[] x = rowsOf(from, to, sc);
            int off = data instanceof RowMatrix ? from * d : 0;
            int[] nearest = sc.labels;
            if (span >= rows) {
                GemmDoubleTiles.nearestRows(x, off, x, off, from, rows, d, laid, sc.tiles, ties, nearest);
                accumulate(x, off, from, rows, d, nearest, labels, acc);
                return;
            }
            for (int s = 0; s < rows; s += span) {
                int m = Math.min(span, rows - s);
                int o = off + s * d;
                GemmDoubleTiles.nearestRows(x, o, x, o, from + s, m, d, laid, sc.tiles, ties, nearest);
                accumulate(x, o, from + s, m, d, nearest, labels, acc);
            }
        };
    }

    /**
     * Of a chunk of {@code rows} rows, those searched, then added up, at a time: the whole chunk
     * while it is at most 256 KiB of doubles, else about 64 KiB (whole row blocks), so that the
     * update reads the rows again from L2; a whole chunk of 1 MiB (4,096 x 32) was read again from
     * memory. KernelBench.assign, 262,144 x 32, 3 interleaved forks, paired medians: k = 8 0.82
     * (13.3 -> 10.8 ms) on one thread, 0.88 on two; k = 32 0.89 and 0.93. At d = 8 (256 KiB
     * chunks) 64 KiB spans cost 3-6%, a loop over one whole-chunk span as much (hence its own
     * path), and at d = 32 256 KiB spans 0-8% against 64. Also the float variant's span (its
     * floats are converted a span at a time).
     */
    static int spanRows(int rows, int d) {
        if ((long) rows * d * Double.BYTES <= WHOLE_CHUNK_BYTES) {
            return rows;
        }
        return Math.max(ROW_BLOCK, SPAN_BYTES / (Double.BYTES * d) / ROW_BLOCK * ROW_BLOCK);
    }

    private static final int WHOLE_CHUNK_BYTES = 256 * 1024;
    private static final int SPAN_BYTES = 64 * 1024;

    /**
     * Rows [from, to) row-major: the matrix itself for rows (starting at from * d), else a copy
     * gathered into the thread's block (starting at 0).
     */
    double[] rowsOf(int from, int to, Scratch sc) {
        if (data instanceof RowMatrix m) {
            return m.data();
        }
        double[] x = sc.rows((to - from) * data.d());
        gather(from, to, x);
        return x;
    }

    /** Copies rows [from, to) of a boxed or column matrix into {@code x}, row-major. */
    private void gather(int from, int to, double[] x) {
        int d = data.d();
        switch (data) {
            case BoxedMatrix m -> {
                for (int i = from; i < to; i++) {
                    System.arraycopy(m.points().get(i).features(), 0, x, (i - from) * d, d);
                }
            }
            case ColumnMatrix m -> {
                double[] col = m.data();
                for (int j = 0; j < d; j++) {
                    int src = j * m.stride();
                    for (int i = from; i < to; i++) {
                        x[(i - from) * d + j] = col[src + i];
                    }
                }
            }
            case RowMatrix m -> System.arraycopy(m.data(), from * d, x, 0, (to - from) * d);
        }
    }

    /** The update's sums, a vector of features at a time (each sum still adds its rows in row order). */
    static void accumulate(double[] x, int off, int from, int rows, int d, int[] nearest, int[] labels,
                           ChunkSums acc) {
        double[] sums = acc.sums;
        for (int r = 0; r < rows; r++) {
            int l = nearest[r];
            if (labels[from + r] != l) {
                acc.changed++;
                labels[from + r] = l;
            }
            acc.counts[l]++;
            int s = l * d;
            int o = off + r * d;
            int j = 0;
            for (; j + L <= d; j += L) {
                DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.fromArray(S, x, o + j)).intoArray(sums, s + j);
            }
            for (; j < d; j++) {
                sums[s + j] += x[o + j];
            }
        }
    }
}
