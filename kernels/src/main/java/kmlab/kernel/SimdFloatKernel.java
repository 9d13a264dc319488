package kmlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.Matrix;

/**
 * The simd kernel with the nearest-centre search in float: points in lanes, twice the lanes of
 * double, tiles of 4 float vectors (64 points with 512-bit vectors) x 2 centres. Each chunk's
 * column block is converted to float; the update sums (from the double block) and k-means++ are
 * the double simd kernel's.
 */
final class SimdFloatKernel extends FloatVariant<VectorKernel> {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int TILE_ROWS = 4 * L;

    private final ThreadLocal<float[][]> blocks = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    SimdFloatKernel(Matrix data) {
        super(new VectorKernel(data));
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = doubles.data().d();
        float[] c = new float[centres.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) centres[i];
        }
        return (from, to, labels, acc) -> {
            for (int s = from; s < to; s += VectorKernel.SUB_BLOCK) {
                int e = Math.min(to, s + VectorKernel.SUB_BLOCK);
                assign(s, e, d, c, k, labels, acc);
            }
        };
    }

    /** Rows [from, to), at most one sub-block. */
    private void assign(int from, int to, int d, float[] c, int k, int[] labels, ChunkSums acc) {
        int rows = to - from;
        VectorKernel.Block b = doubles.columns(from, to);
        int bs = (rows + L - 1) / L * L;
        float[][] scratch = blocks.get();
        if (scratch[0].length < bs * d) {
            scratch[0] = new float[bs * d];
            scratch[1] = new float[bs];
        }
        float[] x = scratch[0];
        for (int j = 0; j < d; j++) {
            int src = b.offset + j * b.stride;
            for (int r = 0; r < rows; r++) {
                x[j * bs + r] = (float) b.base[src + r];
            }
        }
        float[] nearest = scratch[1];
        nearestDiff(x, bs, rows, d, c, k, nearest);
        for (int r = 0; r < rows; r++) {
            b.nearest[r] = nearest[r];
        }
        VectorKernel.accumulate(b, from, rows, d, labels, acc);
    }

    /** As {@link VectorKernel#nearestDiff}, in float, on a float column block with stride {@code bs}. */
    static void nearestDiff(float[] x, int bs, int rows, int d, float[] c, int k, float[] out) {
        int r = 0;
        for (; r + TILE_ROWS <= rows; r += TILE_ROWS) {
            FloatVector b0 = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
            FloatVector b1 = b0;
            FloatVector b2 = b0;
            FloatVector b3 = b0;
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
                FloatVector cq = FloatVector.broadcast(F, q);
                VectorMask<Float> m = a0.lt(b0);
                b0 = b0.blend(a0, m);
                i0 = i0.blend(cq, m);
                m = a1.lt(b1);
                b1 = b1.blend(a1, m);
                i1 = i1.blend(cq, m);
                m = a2.lt(b2);
                b2 = b2.blend(a2, m);
                i2 = i2.blend(cq, m);
                m = a3.lt(b3);
                b3 = b3.blend(a3, m);
                i3 = i3.blend(cq, m);
            }
            i0.intoArray(out, r);
            i1.intoArray(out, r + L);
            i2.intoArray(out, r + 2 * L);
            i3.intoArray(out, r + 3 * L);
        }
        for (; r < rows; r += L) {
            VectorMask<Float> valid = F.indexInRange(r, rows);
            FloatVector best = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
            FloatVector idx = FloatVector.zero(F);
            for (int q = 0; q < k; q++) {
                FloatVector a = FloatVector.zero(F);
                for (int j = 0; j < d; j++) {
                    FloatVector t = FloatVector.fromArray(F, x, j * bs + r, valid).sub(c[q * d + j]);
                    a = t.fma(t, a);
                }
                VectorMask<Float> m = a.lt(best);
                best = best.blend(a, m);
                idx = idx.blend(q, m);
            }
            idx.intoArray(out, r, valid);
        }
    }
}
