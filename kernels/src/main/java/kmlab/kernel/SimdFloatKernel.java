package kmlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.Matrix;

/**
 * The simd kernel with the nearest-centre search in float: points in lanes, twice the lanes of
 * double, tiles of 4 float vectors (64 points with 512-bit vectors) x 1 centre. Each chunk's
 * column block is converted to float; each row's smallest and second smallest float distance are
 * kept, and a row whose lead is not above the bound of {@link NearTies} (float rounding of x, c
 * and the distances included) is settled by the double scalar reference, so the labels are the
 * scalar kernel's bit for bit. The update sums (from the double block) and k-means++ are the
 * double simd kernel's.
 */
final class SimdFloatKernel extends FloatVariant<VectorKernel> {
    private static final VectorSpecies<Float> F = VectorWidth.Species.FLOAT;
    private static final int L = F.length();
    private static final int TILE_ROWS = 4 * L;

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
        nearestDiff(x, bs, rows, d, c, k, nearest, best, second);
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

    /**
     * As {@link VectorKernel#nearestDiff}, in float, on a float column block with stride {@code bs}:
     * each row's nearest centre, its distance ({@code best}) and the second smallest distance
     * ({@code second}: min(second, max(best, a)) before best takes a).
     */
    static void nearestDiff(float[] x, int bs, int rows, int d, float[] c, int k, float[] out, float[] best,
                            float[] second) {
        int r = 0;
        for (; r + TILE_ROWS <= rows; r += TILE_ROWS) {
            FloatVector b0 = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
            FloatVector b1 = b0;
            FloatVector b2 = b0;
            FloatVector b3 = b0;
            FloatVector s0 = b0;
            FloatVector s1 = b0;
            FloatVector s2 = b0;
            FloatVector s3 = b0;
            FloatVector i0 = FloatVector.zero(F);
            FloatVector i1 = i0;
            FloatVector i2 = i0;
            FloatVector i3 = i0;
            for (int q = 0; q < k; q++) { // one centre at a time: 4 chains, and no tile remainder
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int j = 0; j < d; j++) {
                    int o = j * bs + r;
                    FloatVector cj = FloatVector.broadcast(F, c[q * d + j]);
                    FloatVector t = FloatVector.fromArray(F, x, o).sub(cj);
                    a0 = t.fma(t, a0);
                    t = FloatVector.fromArray(F, x, o + L).sub(cj);
                    a1 = t.fma(t, a1);
                    t = FloatVector.fromArray(F, x, o + 2 * L).sub(cj);
                    a2 = t.fma(t, a2);
                    t = FloatVector.fromArray(F, x, o + 3 * L).sub(cj);
                    a3 = t.fma(t, a3);
                }
                // second = min(second, the loser of best and a), by compare and blend (lanewise
                // min() keeps Java's NaN and -0.0 rules at several instructions; NaN is settled anyway)
                FloatVector cq = FloatVector.broadcast(F, q);
                VectorMask<Float> m = a0.lt(b0);
                FloatVector hi = a0.blend(b0, m);
                s0 = s0.blend(hi, hi.lt(s0));
                b0 = b0.blend(a0, m);
                i0 = i0.blend(cq, m);
                m = a1.lt(b1);
                hi = a1.blend(b1, m);
                s1 = s1.blend(hi, hi.lt(s1));
                b1 = b1.blend(a1, m);
                i1 = i1.blend(cq, m);
                m = a2.lt(b2);
                hi = a2.blend(b2, m);
                s2 = s2.blend(hi, hi.lt(s2));
                b2 = b2.blend(a2, m);
                i2 = i2.blend(cq, m);
                m = a3.lt(b3);
                hi = a3.blend(b3, m);
                s3 = s3.blend(hi, hi.lt(s3));
                b3 = b3.blend(a3, m);
                i3 = i3.blend(cq, m);
            }
            i0.intoArray(out, r);
            i1.intoArray(out, r + L);
            i2.intoArray(out, r + 2 * L);
            i3.intoArray(out, r + 3 * L);
            b0.intoArray(best, r);
            b1.intoArray(best, r + L);
            b2.intoArray(best, r + 2 * L);
            b3.intoArray(best, r + 3 * L);
            s0.intoArray(second, r);
            s1.intoArray(second, r + L);
            s2.intoArray(second, r + 2 * L);
            s3.intoArray(second, r + 3 * L);
        }
        for (; r < rows; r += L) {
            VectorMask<Float> valid = F.indexInRange(r, rows);
            FloatVector b = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
            FloatVector sec = b;
            FloatVector idx = FloatVector.zero(F);
            for (int q = 0; q < k; q++) {
                FloatVector a = FloatVector.zero(F);
                for (int j = 0; j < d; j++) {
                    FloatVector t = FloatVector.fromArray(F, x, j * bs + r, valid).sub(c[q * d + j]);
                    a = t.fma(t, a);
                }
                VectorMask<Float> m = a.lt(b);
                FloatVector hi = a.blend(b, m);
                sec = sec.blend(hi, hi.lt(sec));
                b = b.blend(a, m);
                idx = idx.blend(q, m);
            }
            idx.intoArray(out, r, valid);
            b.intoArray(best, r, valid);
            sec.intoArray(second, r, valid);
        }
    }
}
