package kmlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * The gemm kernel with the nearest-centre search in float: twice the lanes of double, so a tile
 * of 4 points x 2 float vectors covers the same 32 centres as the double tile's 4 x 4. Each chunk's
 * rows are converted to a float block; centres, scores and the lane-wise argmax (with each row's
 * runner-up) are float. A row whose float lead is not above the bound of {@link NearTies} (float
 * rounding of x, c and the scores included) is settled by the double scalar reference, so the
 * labels are the scalar kernel's bit for bit. The update sums (from the double rows), k-means++
 * and the inertia are the double gemm kernel's.
 */
final class GemmFloatKernel extends FloatVariant<GemmKernel> {
    private static final VectorSpecies<Float> F = VectorWidth.Species.FLOAT;
    private static final int L = F.length();
    private static final int BLOCK = 2 * L;
    /** Rows whose lane slots the tiles fill before the horizontal step reads them (a multiple of 4). */
    private static final int ROW_BLOCK = 64;
    /** Lane i to lane i ^ h (h < L, else the identity): the butterfly of the horizontal maximum. */
    private static final VectorShuffle<Float> SWAP1 = swap(1);
    private static final VectorShuffle<Float> SWAP2 = swap(2);
    private static final VectorShuffle<Float> SWAP4 = swap(4);
    private static final VectorShuffle<Float> SWAP8 = swap(8);

    private static VectorShuffle<Float> swap(int h) {
        return VectorShuffle.fromOp(F, i -> (i ^ h) & (L - 1));
    }

    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread float scratch: a span's rows as floats (see spanRows), and each row's lane-wise best, centre and runner-up. */
    private static final class Scratch {
        float[] rows = new float[0];
        final float[] laneMax = new float[(ROW_BLOCK + 4) * L];
        final float[] laneIdx = new float[(ROW_BLOCK + 4) * L];
        final float[] laneSecond = new float[(ROW_BLOCK + 4) * L];
        int[] labels = new int[0];

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
        int kp = (k + L - 1) / L * L;
        float[] ct = new float[d * kp];
        float[] start = new float[kp];
        for (int c = 0; c < kp; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                float v = c < k ? (float) centres[c * d + j] : 0f;
                ct[j * kp + c] = v;
                s += (double) v * v;
            }
            start[c] = c < k ? (float) (-0.5 * s) : Float.NEGATIVE_INFINITY;
        }
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
                nearestRows(sc.rows, m, d, ct, start, kp, sc, x, xo, from + s, ties);
                GemmKernel.accumulate(x, xo, from + s, m, d, sc.labels, labels, acc);
            }
        };
    }


    /**
     * As {@link GemmKernel#nearestRows}, in float, tiles of 4 points x 2 centre vectors, 64 rows at
     * a time before their horizontal step; {@code xd} holds the same rows in double (from
     * {@code xo}), for the rows the reference settles.
     */
    private static void nearestRows(float[] x, int rows, int d, float[] ct, float[] start, int kp, Scratch sc,
                                    double[] xd, int xo, int from, NearTies ties) {
        for (int b = 0; b < rows; b += ROW_BLOCK) {
            int e = Math.min(rows, b + ROW_BLOCK);
            tiles(x, b, e, rows, d, ct, start, kp, sc);
            bestLanes(sc, b, e, xd, xo, from, d, ties);
        }
    }

    /** The tiles of rows [b, e) (of {@code rows}), into the lane slots from 0. */
    private static void tiles(float[] x, int b, int e, int rows, int d, float[] ct, float[] start, int kp,
                              Scratch sc) {
        float[] lm = sc.laneMax;
        float[] li = sc.laneIdx;
        float[] ls = sc.laneSecond;
        FloatVector iota = FloatVector.zero(F).addIndex(1);
        FloatVector none = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int r = b; r < e; r += 4) {
            int o0 = r * d;
            int o1 = Math.min(r + 1, rows - 1) * d;
            int o2 = Math.min(r + 2, rows - 1) * d;
            int o3 = Math.min(r + 3, rows - 1) * d;
            int s0 = (r - b) * L;
            int c = 0;
            for (; c + BLOCK <= kp; c += BLOCK) {
                FloatVector a00 = FloatVector.fromArray(F, start, c);
                FloatVector a01 = FloatVector.fromArray(F, start, c + L);
                FloatVector a10 = a00;
                FloatVector a11 = a01;
                FloatVector a20 = a00;
                FloatVector a21 = a01;
                FloatVector a30 = a00;
                FloatVector a31 = a01;
                for (int j = 0; j < d; j++) {
                    FloatVector c0 = FloatVector.fromArray(F, ct, j * kp + c);
                    FloatVector c1 = FloatVector.fromArray(F, ct, j * kp + c + L);
                    FloatVector p = FloatVector.broadcast(F, x[o0 + j]);
                    a00 = c0.fma(p, a00);
                    a01 = c1.fma(p, a01);
                    p = FloatVector.broadcast(F, x[o1 + j]);
                    a10 = c0.fma(p, a10);
                    a11 = c1.fma(p, a11);
                    p = FloatVector.broadcast(F, x[o2 + j]);
                    a20 = c0.fma(p, a20);
                    a21 = c1.fma(p, a21);
                    p = FloatVector.broadcast(F, x[o3 + j]);
                    a30 = c0.fma(p, a30);
                    a31 = c1.fma(p, a31);
                }
                FloatVector i0 = iota.add(c);
                FloatVector i1 = iota.add(c + L);
                for (int p = 0; p < 4; p++) { // vectors only in locals of this method: no boxing
                    FloatVector u = p == 0 ? a00 : p == 1 ? a10 : p == 2 ? a20 : a30;
                    FloatVector v = p == 0 ? a01 : p == 1 ? a11 : p == 2 ? a21 : a31;
                    VectorMask<Float> g = v.compare(VectorOperators.GT, u);
                    FloatVector m = u.blend(v, g);
                    FloatVector id = i0.blend(i1, g);
                    FloatVector sec = v.blend(u, g); // the loser; maxima by compare and blend, as GemmKernel's
                    int at = s0 + p * L;
                    if (c != 0) { // top two of the slot's two and these two
                        FloatVector pm = FloatVector.fromArray(F, lm, at);
                        FloatVector lo = FloatVector.fromArray(F, ls, at);
                        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
                        VectorMask<Float> keep = pm.compare(VectorOperators.GE, m);
                        lo = pm.blend(m, keep);
                        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
                        m = m.blend(pm, keep);
                        id = id.blend(FloatVector.fromArray(F, li, at), keep);
                    }
                    m.intoArray(lm, at);
                    id.intoArray(li, at);
                    sec.intoArray(ls, at);
                }
            }
            for (; c < kp; c += L) {
                FloatVector a0 = FloatVector.fromArray(F, start, c);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int j = 0; j < d; j++) {
                    FloatVector cv = FloatVector.fromArray(F, ct, j * kp + c);
                    a0 = cv.fma(FloatVector.broadcast(F, x[o0 + j]), a0);
                    a1 = cv.fma(FloatVector.broadcast(F, x[o1 + j]), a1);
                    a2 = cv.fma(FloatVector.broadcast(F, x[o2 + j]), a2);
                    a3 = cv.fma(FloatVector.broadcast(F, x[o3 + j]), a3);
                }
                FloatVector id = iota.add(c);
                for (int p = 0; p < 4; p++) {
                    FloatVector m = p == 0 ? a0 : p == 1 ? a1 : p == 2 ? a2 : a3;
                    FloatVector ids = id;
                    FloatVector sec = none;
                    int at = s0 + p * L;
                    if (c != 0) {
                        FloatVector pm = FloatVector.fromArray(F, lm, at);
                        sec = FloatVector.fromArray(F, ls, at);
                        VectorMask<Float> keep = pm.compare(VectorOperators.GE, m);
                        FloatVector lo = pm.blend(m, keep);
                        sec = sec.blend(lo, lo.compare(VectorOperators.GT, sec));
                        m = m.blend(pm, keep);
                        ids = ids.blend(FloatVector.fromArray(F, li, at), keep);
                    }
                    m.intoArray(lm, at);
                    ids.intoArray(li, at);
                    sec.intoArray(ls, at);
                }
            }
        }
    }

    /**
     * The horizontal step for rows [b, e), row by row, as {@link GemmKernel}'s: the best score by
     * a max reduction; the label stands when exactly one lane's best and no lane's runner-up
     * reaches a float at or below best - E (so every score below it trails by more than E), else
     * the double reference labels the row from {@code xd}. Row by row instead of L rows at a time
     * with gathers (which the runner-up would have made three per lane): 256k rows, d = k = 8,
     * 5.5 ms a pass with the gathers and a settling loop of their own, 4.8 ms this way (3.9 before
     * settling existed).
     */
    private static void bestLanes(Scratch sc, int b, int e, double[] xd, int xo, int from, int d, NearTies ties) {
        float[] lm = sc.laneMax;
        float[] li = sc.laneIdx;
        float[] ls = sc.laneSecond;
        int[] out = sc.labels;
        for (int r = b; r < e; r++) {
            int base = (r - b) * L;
            FloatVector m = FloatVector.fromArray(F, lm, base);
            // the lanes' maximum by a swap-compare-blend butterfly: reduceLanes(MAX), which keeps
            // Java's NaN and -0.0 rules, took ~5.5 ms a pass of 256k rows more at d = k = 8
            FloatVector v = m;
            FloatVector w;
            if (L >= 16) {
                w = v.rearrange(SWAP8);
                v = v.blend(w, w.compare(VectorOperators.GT, v));
            }
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
            float best = v.lane(0);
            double bound = ties.bound(from + r);
            float reach = reachOf(best, bound);
            long near = m.compare(VectorOperators.GE, reach).toLong();
            long nearSecond = FloatVector.fromArray(F, ls, base).compare(VectorOperators.GE, reach).toLong();
            if (Long.bitCount(near) == 1 && nearSecond == 0 && bound < Double.POSITIVE_INFINITY) {
                out[r] = (int) li[base + Long.numberOfTrailingZeros(near)];
            } else {
                out[r] = ties.nearest(xd, xo + r * d);
            }
        }
    }

    /**
     * A float at or below best - bound: best - bound (1 + 2^-20) - |best| 2^-23, in double, then
     * rounded to the nearest float (off by at most 2^-24 of its size, which the two extra terms
     * cover). Branch-free: rounding down with a test cost a mispredicted branch every other row.
     */
    private static float reachOf(float best, double bound) {
        return (float) (best - bound * (1 + 0x1p-20) - Math.abs((double) best) * 0x1p-23);
    }
}
