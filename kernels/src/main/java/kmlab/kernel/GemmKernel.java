package kmlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * The GEMM-style kernel, centres in lanes. The nearest centre minimises |c|^2 - 2 x.c (|x|^2 is
 * the same for every centre), that is, maximises x.c - |c|^2/2: each accumulator starts at
 * -|c|^2/2 and gathers the dot product, so no per-centre correction is left for the argmax. Per
 * pass the centres are transposed to feature-major {@code ct[j*kp + c]} (kp = k rounded up to whole
 * vectors; padding lanes start at -inf so they never win). The micro-kernel broadcasts one
 * coordinate of each of 4 points and multiplies it into 4 centre vectors: 16 independent FMA
 * chains, 4 vector loads and 4 broadcasts per feature. It reads a contiguous row-major block: rows
 * in place, boxed and columns gathered chunk by chunk. The tile keeps each row's best and
 * runner-up score lane by lane; a row whose lead is not above the proven rounding bound of
 * {@link NearTies} is settled by the scalar reference's formula, so the labels are the scalar
 * kernel's bit for bit. k-means++ needs true distances: it runs with the trials in lanes over the
 * same row blocks, each lane the reference's own FMA sequence.
 */
final class GemmKernel implements Kernel {
    private static final VectorSpecies<Double> S = VectorWidth.Species.DOUBLE;
    private static final int L = S.length();
    private static final int BLOCK = 4 * L;
    /** Rows whose lane slots the tiles fill before the horizontal step reads them (a multiple of 4). */
    private static final int ROW_BLOCK = 64;
    /** Lane i to lane i ^ h (h < L, else the identity): the butterfly of the horizontal maximum. */
    private static final VectorShuffle<Double> SWAP1 = swap(1);
    private static final VectorShuffle<Double> SWAP2 = swap(2);
    private static final VectorShuffle<Double> SWAP4 = swap(4);

    private static VectorShuffle<Double> swap(int h) {
        return VectorShuffle.fromOp(S, i -> (i ^ h) & (L - 1));
    }

    private final Matrix data;
    /** k-means++ when there are more trials than lanes (k above ~400 with 8 lanes). */
    private final Kernel seeding;
    /** |x_i| of every row, for the near-tie bound. */
    private final double[] rowNorms;
    /** false only in tests: E = 0, only exact ties of the scores go to the reference. */
    private final boolean settle;
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per-thread scratch. For every row of a block of 64 the tiles keep, lane by lane, the best
     * score seen, its centre and the runner-up score ({@code laneMax}, {@code laneIdx},
     * {@code laneSecond}, L per row), small enough to stay in L1; the horizontal step over the L
     * lanes runs once per block afterwards (right after the tile's stores it cost ~130 ns per 4
     * rows). No vector crosses a method call: a call C2 does not inline boxes them (seen: 4x
     * slower, megabytes allocated a pass), which AllocationTest would catch.
     */
    static final class Scratch {
        double[] rows = new double[0];
        int[] labels = new int[0];
        /** Lane slots of a row block; also k-means++'s per-row lane buffer for a whole chunk. */
        double[] laneMax = new double[0];
        final double[] laneIdx = new double[(ROW_BLOCK + 4) * L];
        final double[] laneSecond = new double[(ROW_BLOCK + 4) * L];
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
                laneMax = new double[(rows + 4) * L];
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
        double[] buf = sc.laneMax;
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

    /**
     * The centres as the tiles read them: transposed into {@code ct} (d x kp, centre c of coordinate
     * j at j * kp + c) and each centre's score offset -|c|^2/2 in {@code start}; the kp - k padding
     * centres score -inf, so no row ever picks one.
     */
    record Centres(double[] ct, double[] start) {
        static Centres of(double[] centres, int k, int d, int kp) {
            double[] ct = new double[d * kp];
            double[] start = new double[kp];
            for (int c = 0; c < kp; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double v = c < k ? centres[c * d + j] : 0.0;
                    ct[j * kp + c] = v;
                    s += v * v;
                }
                start[c] = c < k ? -0.5 * s : Double.NEGATIVE_INFINITY;
            }
            return new Centres(ct, start);
        }
    }

    /** Centres in lanes, each lane the reference's sequence (see {@link VectorMeasure}). */
    @Override
    public Measure measure(double[] centres, int k) {
        return new VectorMeasure(centres, k, data.d());
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = data.d();
        int kp = (k + L - 1) / L * L;
        Centres laid = Centres.of(centres, k, d, kp);
        double[] ct = laid.ct();
        double[] start = laid.start();
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
                nearestRows(x, off, from, rows, d, ct, start, kp, sc, ties, nearest);
                accumulate(x, off, from, rows, d, nearest, labels, acc);
                return;
            }
            for (int s = 0; s < rows; s += span) {
                int m = Math.min(span, rows - s);
                nearestRows(x, off + s * d, from + s, m, d, ct, start, kp, sc, ties, nearest);
                accumulate(x, off + s * d, from + s, m, d, nearest, labels, acc);
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

    /**
     * The nearest centre of each of {@code rows} rows (global rows from {@code from}) stored
     * row-major from {@code x[off]}, into {@code out}: the scalar reference's label (near-ties
     * settled by {@code ties}). A short last group of 4 repeats its last row.
     * Each tile shape is a method of its own whose code does not depend on k: a single method
     * holding every shape (2,170 bytecodes) cost C2 0.5 s of compile time per 256k x 32 sweep, in
     * seven compilations, most of them on-stack replacements redone after a trap when a new k first
     * took a new path (k = 9, 25). Split, each tile compiles once (0.06 s for the largest) and this
     * 208-bytecode walk, still recompiled when k first reaches a new path, 0.12 s in all (JFR).
     */
    static void nearestRows(double[] x, int off, int from, int rows, int d, double[] ct, double[] start, int kp,
                            Scratch sc, NearTies ties, int[] out) {
        double[] lm = sc.laneMax;
        double[] li = sc.laneIdx;
        double[] ls = sc.laneSecond;
        for (int b = 0; b < rows; b += ROW_BLOCK) {
            int e = Math.min(rows, b + ROW_BLOCK);
            // A group takes rows a quarter of the block apart (b + g, b + g + q, ...; past the end,
            // the block's last row again): four ascending streams, one per row, which the hardware
            // prefetchers follow, where 4 adjacent rows read feature by feature interleave their
            // cache lines. The tile alone (TileBench-like loop, 262,144 x 32, k = 32, one thread):
            // 40 -> 54 GFLOP/s (Intel Xeon, 117 GFLOP/s peak).
            for (int g = 0, q = groups(b, e); g < q; g++) {
                int r0 = groupRow(b, e, g, 0);
                int r1 = groupRow(b, e, g, 1);
                int r2 = groupRow(b, e, g, 2);
                int r3 = groupRow(b, e, g, 3);
                int o0 = off + r0 * d;
                int o1 = off + r1 * d;
                int o2 = off + r2 * d;
                int o3 = off + r3 * d;
                int s0 = (r0 - b) * L;
                int s1 = (r1 - b) * L;
                int s2 = (r2 - b) * L;
                int s3 = (r3 - b) * L;
                int c = 0; // the first tile of a row group stores its lane slots, later ones merge into them
                for (; c + BLOCK <= kp; c += BLOCK) {
                    tileOfFourVectors(x, o0, o1, o2, o3, d, ct, start, kp, c, lm, li, ls, s0, s1, s2, s3, c == 0);
                }
                if (c + 2 * L <= kp) { // what is left beyond the whole blocks: 0 to 3 vectors
                    tileOfTwoVectors(x, o0, o1, o2, o3, d, ct, start, kp, c, lm, li, ls, s0, s1, s2, s3, c == 0);
                    c += 2 * L;
                }
                if (c < kp) {
                    tileOfOneVector(x, o0, o1, o2, o3, d, ct, start, kp, c, lm, li, ls, s0, s1, s2, s3, c == 0);
                }
            }
            bestLanes(lm, li, ls, x, off, from, b, e, d, ties, out);
        }
    }

    /** The row groups of a block of rows [b, e): a quarter of the block each. */
    static int groups(int b, int e) {
        return (e - b + 3) / 4;
    }

    /** Row i (0..3) of group g of the block [b, e): rows a quarter of the block apart, past its end its last row. */
    static int groupRow(int b, int e, int g, int i) {
        return Math.min(b + g + i * groups(b, e), e - 1);
    }

    /**
     * 4 rows x centres [c, c + 4L): 16 independent FMA chains, 4 vector loads and 4 broadcasts per
     * feature; each row's best of the 4 vectors is merged into its lane slots.
     */
    static void tileOfFourVectors(double[] x, int o0, int o1, int o2, int o3, int d, double[] ct,
                                  double[] start, int kp, int c, double[] lm, double[] li, double[] ls,
                                  int s0, int s1, int s2, int s3, boolean first) {
        DoubleVector a00 = DoubleVector.fromArray(S, start, c);
        DoubleVector a01 = DoubleVector.fromArray(S, start, c + L);
        DoubleVector a02 = DoubleVector.fromArray(S, start, c + 2 * L);
        DoubleVector a03 = DoubleVector.fromArray(S, start, c + 3 * L);
        DoubleVector a10 = a00;
        DoubleVector a11 = a01;
        DoubleVector a12 = a02;
        DoubleVector a13 = a03;
        DoubleVector a20 = a00;
        DoubleVector a21 = a01;
        DoubleVector a22 = a02;
        DoubleVector a23 = a03;
        DoubleVector a30 = a00;
        DoubleVector a31 = a01;
        DoubleVector a32 = a02;
        DoubleVector a33 = a03;
        for (int j = 0; j < d; j++) {
            int co = j * kp + c;
            DoubleVector c0 = DoubleVector.fromArray(S, ct, co);
            DoubleVector c1 = DoubleVector.fromArray(S, ct, co + L);
            DoubleVector c2 = DoubleVector.fromArray(S, ct, co + 2 * L);
            DoubleVector c3 = DoubleVector.fromArray(S, ct, co + 3 * L);
            DoubleVector p = DoubleVector.broadcast(S, x[o0 + j]);
            a00 = c0.fma(p, a00);
            a01 = c1.fma(p, a01);
            a02 = c2.fma(p, a02);
            a03 = c3.fma(p, a03);
            p = DoubleVector.broadcast(S, x[o1 + j]);
            a10 = c0.fma(p, a10);
            a11 = c1.fma(p, a11);
            a12 = c2.fma(p, a12);
            a13 = c3.fma(p, a13);
            p = DoubleVector.broadcast(S, x[o2 + j]);
            a20 = c0.fma(p, a20);
            a21 = c1.fma(p, a21);
            a22 = c2.fma(p, a22);
            a23 = c3.fma(p, a23);
            p = DoubleVector.broadcast(S, x[o3 + j]);
            a30 = c0.fma(p, a30);
            a31 = c1.fma(p, a31);
            a32 = c2.fma(p, a32);
            a33 = c3.fma(p, a33);
        }
        // Row by row, lane by lane: the best of the 4 vectors and the runner-up among them (pairs,
        // then the two pairs' winners; strict '>': the earlier centre keeps a tie), stored in the
        // row's lane slots by the first tile, else merged into them: the slots keep their best on a
        // tie (lower centres), runner-up = the largest of both runners-up and the loser of the two
        // bests. Maxima by compare and blend: lanewise max() and min() keep Java's NaN and -0.0
        // rules at several instructions each (NaN scores are settled anyway: see NearTies).
        // Written out: helper calls taking vectors were left un-inlined here (C2's node-count
        // cutoff), and a call that is not inlined boxes its vectors (50 ms a pass instead of 8 at
        // k = 32).
        DoubleVector iota = DoubleVector.zero(S).addIndex(1);
        DoubleVector i0 = iota.add(c);
        DoubleVector i1 = iota.add(c + L);
        DoubleVector i2 = iota.add(c + 2 * L);
        DoubleVector i3 = iota.add(c + 3 * L);
        VectorMask<Double> g;
        DoubleVector m;
        DoubleVector id;
        DoubleVector sec;
        DoubleVector m2;
        DoubleVector id2;
        DoubleVector lo;
        DoubleVector prev;
        g = a01.compare(VectorOperators.GT, a00);
        m = a00.blend(a01, g);
        id = i0.blend(i1, g);
        sec = a01.blend(a00, g);
        g = a03.compare(VectorOperators.GT, a02);
        m2 = a02.blend(a03, g);
        id2 = i2.blend(i3, g);
        lo = a03.blend(a02, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        g = m2.compare(VectorOperators.GT, m);
        lo = m2.blend(m, g);
        m = m.blend(m2, g);
        id = id.blend(id2, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s0);
            lo = DoubleVector.fromArray(S, ls, s0);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s0), g);
        }
        m.intoArray(lm, s0);
        id.intoArray(li, s0);
        sec.intoArray(ls, s0);
        g = a11.compare(VectorOperators.GT, a10);
        m = a10.blend(a11, g);
        id = i0.blend(i1, g);
        sec = a11.blend(a10, g);
        g = a13.compare(VectorOperators.GT, a12);
        m2 = a12.blend(a13, g);
        id2 = i2.blend(i3, g);
        lo = a13.blend(a12, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        g = m2.compare(VectorOperators.GT, m);
        lo = m2.blend(m, g);
        m = m.blend(m2, g);
        id = id.blend(id2, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s1);
            lo = DoubleVector.fromArray(S, ls, s1);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s1), g);
        }
        m.intoArray(lm, s1);
        id.intoArray(li, s1);
        sec.intoArray(ls, s1);
        g = a21.compare(VectorOperators.GT, a20);
        m = a20.blend(a21, g);
        id = i0.blend(i1, g);
        sec = a21.blend(a20, g);
        g = a23.compare(VectorOperators.GT, a22);
        m2 = a22.blend(a23, g);
        id2 = i2.blend(i3, g);
        lo = a23.blend(a22, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        g = m2.compare(VectorOperators.GT, m);
        lo = m2.blend(m, g);
        m = m.blend(m2, g);
        id = id.blend(id2, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s2);
            lo = DoubleVector.fromArray(S, ls, s2);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s2), g);
        }
        m.intoArray(lm, s2);
        id.intoArray(li, s2);
        sec.intoArray(ls, s2);
        g = a31.compare(VectorOperators.GT, a30);
        m = a30.blend(a31, g);
        id = i0.blend(i1, g);
        sec = a31.blend(a30, g);
        g = a33.compare(VectorOperators.GT, a32);
        m2 = a32.blend(a33, g);
        id2 = i2.blend(i3, g);
        lo = a33.blend(a32, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        g = m2.compare(VectorOperators.GT, m);
        lo = m2.blend(m, g);
        m = m.blend(m2, g);
        id = id.blend(id2, g);
        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s3);
            lo = DoubleVector.fromArray(S, ls, s3);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s3), g);
        }
        m.intoArray(lm, s3);
        id.intoArray(li, s3);
        sec.intoArray(ls, s3);
    }

    /** 4 rows x centres [c, c + 2L): 8 FMA chains. */
    private static void tileOfTwoVectors(double[] x, int o0, int o1, int o2, int o3, int d, double[] ct,
                                         double[] start, int kp, int c, double[] lm, double[] li, double[] ls,
                                         int s0, int s1, int s2, int s3, boolean first) {
        DoubleVector a00 = DoubleVector.fromArray(S, start, c);
        DoubleVector a01 = DoubleVector.fromArray(S, start, c + L);
        DoubleVector a10 = a00;
        DoubleVector a11 = a01;
        DoubleVector a20 = a00;
        DoubleVector a21 = a01;
        DoubleVector a30 = a00;
        DoubleVector a31 = a01;
        for (int j = 0; j < d; j++) {
            int co = j * kp + c;
            DoubleVector c0 = DoubleVector.fromArray(S, ct, co);
            DoubleVector c1 = DoubleVector.fromArray(S, ct, co + L);
            DoubleVector p = DoubleVector.broadcast(S, x[o0 + j]);
            a00 = c0.fma(p, a00);
            a01 = c1.fma(p, a01);
            p = DoubleVector.broadcast(S, x[o1 + j]);
            a10 = c0.fma(p, a10);
            a11 = c1.fma(p, a11);
            p = DoubleVector.broadcast(S, x[o2 + j]);
            a20 = c0.fma(p, a20);
            a21 = c1.fma(p, a21);
            p = DoubleVector.broadcast(S, x[o3 + j]);
            a30 = c0.fma(p, a30);
            a31 = c1.fma(p, a31);
        }
        DoubleVector i0 = DoubleVector.zero(S).addIndex(1).add(c);
        DoubleVector i1 = i0.add(L);
        // As the 4-vector tile's merge, written out for the same reason (a helper taking vectors
        // stopped being inlined once it held the runner-up: 190 MB boxed a pass at k = 24)
        VectorMask<Double> g;
        DoubleVector m;
        DoubleVector id;
        DoubleVector sec;
        DoubleVector lo;
        DoubleVector prev;
        g = a01.compare(VectorOperators.GT, a00); // strict: the earlier centre keeps a tie
        m = a00.blend(a01, g);
        id = i0.blend(i1, g);
        sec = a01.blend(a00, g);
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s0);
            lo = DoubleVector.fromArray(S, ls, s0);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s0), g);
        }
        m.intoArray(lm, s0);
        id.intoArray(li, s0);
        sec.intoArray(ls, s0);
        g = a11.compare(VectorOperators.GT, a10); // strict: the earlier centre keeps a tie
        m = a10.blend(a11, g);
        id = i0.blend(i1, g);
        sec = a11.blend(a10, g);
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s1);
            lo = DoubleVector.fromArray(S, ls, s1);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s1), g);
        }
        m.intoArray(lm, s1);
        id.intoArray(li, s1);
        sec.intoArray(ls, s1);
        g = a21.compare(VectorOperators.GT, a20); // strict: the earlier centre keeps a tie
        m = a20.blend(a21, g);
        id = i0.blend(i1, g);
        sec = a21.blend(a20, g);
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s2);
            lo = DoubleVector.fromArray(S, ls, s2);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s2), g);
        }
        m.intoArray(lm, s2);
        id.intoArray(li, s2);
        sec.intoArray(ls, s2);
        g = a31.compare(VectorOperators.GT, a30); // strict: the earlier centre keeps a tie
        m = a30.blend(a31, g);
        id = i0.blend(i1, g);
        sec = a31.blend(a30, g);
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s3);
            lo = DoubleVector.fromArray(S, ls, s3);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s3), g);
        }
        m.intoArray(lm, s3);
        id.intoArray(li, s3);
        sec.intoArray(ls, s3);
    }

    /** 4 rows x centres [c, c + L): 4 FMA chains. */
    private static void tileOfOneVector(double[] x, int o0, int o1, int o2, int o3, int d, double[] ct,
                                        double[] start, int kp, int c, double[] lm, double[] li, double[] ls,
                                        int s0, int s1, int s2, int s3, boolean first) {
        DoubleVector a0 = DoubleVector.fromArray(S, start, c);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        for (int j = 0; j < d; j++) {
            DoubleVector cv = DoubleVector.fromArray(S, ct, j * kp + c);
            a0 = cv.fma(DoubleVector.broadcast(S, x[o0 + j]), a0);
            a1 = cv.fma(DoubleVector.broadcast(S, x[o1 + j]), a1);
            a2 = cv.fma(DoubleVector.broadcast(S, x[o2 + j]), a2);
            a3 = cv.fma(DoubleVector.broadcast(S, x[o3 + j]), a3);
        }
        DoubleVector id0 = DoubleVector.zero(S).addIndex(1).add(c);
        DoubleVector none = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        VectorMask<Double> g;
        DoubleVector m;
        DoubleVector id;
        DoubleVector sec;
        DoubleVector lo;
        DoubleVector prev;
        m = a0;
        id = id0;
        sec = none;
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s0);
            lo = DoubleVector.fromArray(S, ls, s0);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s0), g);
        }
        m.intoArray(lm, s0);
        id.intoArray(li, s0);
        sec.intoArray(ls, s0);
        m = a1;
        id = id0;
        sec = none;
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s1);
            lo = DoubleVector.fromArray(S, ls, s1);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s1), g);
        }
        m.intoArray(lm, s1);
        id.intoArray(li, s1);
        sec.intoArray(ls, s1);
        m = a2;
        id = id0;
        sec = none;
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s2);
            lo = DoubleVector.fromArray(S, ls, s2);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s2), g);
        }
        m.intoArray(lm, s2);
        id.intoArray(li, s2);
        sec.intoArray(ls, s2);
        m = a3;
        id = id0;
        sec = none;
        if (!first) {
            prev = DoubleVector.fromArray(S, lm, s3);
            lo = DoubleVector.fromArray(S, ls, s3);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            g = prev.compare(VectorOperators.GE, m);
            lo = prev.blend(m, g);
            sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
            m = m.blend(prev, g);
            id = id.blend(DoubleVector.fromArray(S, li, s3), g);
        }
        m.intoArray(lm, s3);
        id.intoArray(li, s3);
        sec.intoArray(ls, s3);
    }

    /**
     * The horizontal step, row by row: the best score, then the label stands when it leads every
     * other score of the row by more than the near-tie bound E, that is when exactly one lane's
     * best and no lane's runner-up reaches best - E (that lane then holds the best; the rounding of
     * best - E, at most u |best| <= u t^2, is far inside E's safety factor); otherwise (a tie or a
     * near-tie, rare) the scalar reference labels the row. Two compares against best - E cost less
     * than a second reduction for the runner-up (256k rows, d = k = 8: 8.8 ms a pass with a
     * reduction and a call computing the gap, 5.8 with the compares). Measured against L-row
     * gathers (256k x 32 rows, 1 thread, before the runner-up existed): 7.8 -> 7.4 ms at k = 2,
     * 13.0 -> 11.5 ms at k = 32.
     */
    private static void bestLanes(double[] lm, double[] li, double[] ls, double[] x, int off, int from, int b,
                                  int e, int d, NearTies ties, int[] out) {
        for (int r = b; r < e; r++) {
            int base = (r - b) * L;
            DoubleVector m = DoubleVector.fromArray(S, lm, base);
            DoubleVector v = m; // the lanes' maximum by a swap-compare-blend butterfly
            DoubleVector w;
            if (L >= 8) {
                w = v.rearrange(SWAP4);
                v = v.blend(w, w.compare(VectorOperators.GT, v));
            }
            if (L >= 4) {
                w = v.rearrange(SWAP2);
                v = v.blend(w, w.compare(VectorOperators.GT, v));
            }
            w = v.rearrange(SWAP1);
            v = v.blend(w, w.compare(VectorOperators.GT, v));
            double best = v.lane(0);
            double bound = ties.bound(from + r);
            double reach = best - bound;
            long near = m.compare(VectorOperators.GE, reach).toLong();
            long nearSecond = DoubleVector.fromArray(S, ls, base).compare(VectorOperators.GE, reach).toLong();
            if (Long.bitCount(near) == 1 && nearSecond == 0 && bound < Double.POSITIVE_INFINITY) {
                out[r] = (int) li[base + Long.numberOfTrailingZeros(near)];
            } else {
                out[r] = ties.nearest(x, off + r * d);
            }
        }
    }
}
