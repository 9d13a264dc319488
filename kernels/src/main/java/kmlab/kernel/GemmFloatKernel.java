package kmlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int BLOCK = 2 * L;
    private static final VectorSpecies<Integer> INDEX = IntVector.SPECIES_PREFERRED;
    private static final int[] ROW_MAP = java.util.stream.IntStream.range(0, L).map(i -> i * L).toArray();

    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per-thread float scratch: the chunk's rows as floats, each row's lane-wise best, centre and
     * runner-up, and after the horizontal step each row's best and runner-up score.
     */
    private static final class Scratch {
        float[] rows = new float[0];
        float[] laneMax = new float[0];
        float[] laneIdx = new float[0];
        float[] laneSecond = new float[0];
        float[] rowBest = new float[0];
        float[] rowSecond = new float[0];
        int[] labels = new int[0];

        void ensure(int rows, int d) {
            if (this.rows.length < rows * d) {
                this.rows = new float[rows * d];
            }
            if (labels.length < rows) {
                labels = new int[rows];
                laneMax = new float[(rows + 4) * L];
                laneIdx = new float[(rows + 4) * L];
                laneSecond = new float[(rows + 4) * L];
                rowBest = new float[rows];
                rowSecond = new float[rows];
            }
        }
    }

    private final boolean settle;

    GemmFloatKernel(Matrix data) {
        this(data, true);
    }

    /** {@code settle = false} only in tests: the float search's own labels, near-ties unsettled. */
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
        return (from, to, labels, acc) -> {
            int rows = to - from;
            double[] x = doubles.rowsOf(from, to, doubles.scratch());
            int off = data instanceof RowMatrix ? from * d : 0;
            Scratch sc = scratches.get();
            sc.ensure(rows, d);
            for (int i = 0; i < rows * d; i++) {
                sc.rows[i] = (float) x[off + i];
            }
            nearestRows(sc.rows, rows, d, ct, start, kp, sc);
            settle(x, off, from, rows, d, sc, ties);
            GemmKernel.accumulate(x, off, from, rows, d, sc.labels, labels, acc);
        };
    }

    /**
     * Rows whose float lead (best minus runner-up, exact floats subtracted in double) is not above
     * the bound take the double scalar reference's label from the double rows {@code x}.
     */
    private static void settle(double[] x, int off, int from, int rows, int d, Scratch sc, NearTies ties) {
        float[] best = sc.rowBest;
        float[] second = sc.rowSecond;
        int[] out = sc.labels;
        for (int r = 0; r < rows; r++) {
            if (!ties.proven(from + r, (double) best[r] - second[r])) {
                out[r] = ties.nearest(x, off + r * d);
            }
        }
    }

    /** As {@link GemmKernel#nearestRows}, in float, tiles of 4 points x 2 centre vectors. */
    private static void nearestRows(float[] x, int rows, int d, float[] ct, float[] start, int kp, Scratch sc) {
        float[] lm = sc.laneMax;
        float[] li = sc.laneIdx;
        float[] ls = sc.laneSecond;
        FloatVector iota = FloatVector.zero(F).addIndex(1);
        FloatVector none = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r += 4) {
            int o0 = r * d;
            int o1 = Math.min(r + 1, rows - 1) * d;
            int o2 = Math.min(r + 2, rows - 1) * d;
            int o3 = Math.min(r + 3, rows - 1) * d;
            int s0 = r * L;
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
                    FloatVector sec = u.min(v);
                    int at = s0 + p * L;
                    if (c != 0) { // top two of the slot's two and these two
                        FloatVector pm = FloatVector.fromArray(F, lm, at);
                        sec = sec.max(FloatVector.fromArray(F, ls, at)).max(pm.min(m));
                        VectorMask<Float> keep = pm.compare(VectorOperators.GE, m);
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
                        sec = FloatVector.fromArray(F, ls, at).max(pm.min(m));
                        VectorMask<Float> keep = pm.compare(VectorOperators.GE, m);
                        m = m.blend(pm, keep);
                        ids = ids.blend(FloatVector.fromArray(F, li, at), keep);
                    }
                    m.intoArray(lm, at);
                    ids.intoArray(li, at);
                    sec.intoArray(ls, at);
                }
            }
        }
        // The horizontal step, L rows at a time: best lane (the lowest centre among equal bests)
        // and the runner-up, the largest of the other lanes' bests and of all lanes' runners-up.
        int[] out = sc.labels;
        float[] rowBest = sc.rowBest;
        float[] rowSecond = sc.rowSecond;
        int r = 0;
        for (; r + L <= rows; r += L) {
            int base = r * L;
            FloatVector best = FloatVector.fromArray(F, lm, base, ROW_MAP, 0);
            FloatVector idx = FloatVector.fromArray(F, li, base, ROW_MAP, 0);
            FloatVector sec = FloatVector.fromArray(F, ls, base, ROW_MAP, 0);
            for (int l = 1; l < L; l++) {
                FloatVector v = FloatVector.fromArray(F, lm, base + l, ROW_MAP, 0);
                FloatVector i = FloatVector.fromArray(F, li, base + l, ROW_MAP, 0);
                sec = sec.max(FloatVector.fromArray(F, ls, base + l, ROW_MAP, 0)).max(best.min(v));
                VectorMask<Float> take = v.compare(VectorOperators.GT, best)
                        .or(v.compare(VectorOperators.EQ, best).and(i.compare(VectorOperators.LT, idx)));
                best = best.blend(v, take);
                idx = idx.blend(i, take);
            }
            ((IntVector) idx.castShape(INDEX, 0)).intoArray(out, r);
            best.intoArray(rowBest, r);
            sec.intoArray(rowSecond, r);
        }
        for (; r < rows; r++) {
            int base = r * L;
            float best = lm[base];
            float idx = li[base];
            float sec = ls[base];
            for (int l = 1; l < L; l++) {
                sec = Math.max(sec, Math.max(ls[base + l], Math.min(best, lm[base + l])));
                if (lm[base + l] > best || lm[base + l] == best && li[base + l] < idx) {
                    best = lm[base + l];
                    idx = li[base + l];
                }
            }
            out[r] = (int) idx;
            rowBest[r] = best;
            rowSecond[r] = sec;
        }
    }
}
