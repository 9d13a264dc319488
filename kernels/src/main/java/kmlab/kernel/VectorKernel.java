package kmlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;

/**
 * The {@code simd} kernel: points in lanes, centre coordinates broadcast, sum_j (x_j - c_j)^2 (a
 * sub and an FMA per pair-feature) in tiles of 4 point vectors x 2 centres. Columns are read in
 * place; rows and boxed are first transposed chunk by chunk into a small column block that stays
 * in cache, so one micro-kernel serves all three layouts and a layout's cost is its gather. Tails
 * (fewer rows than a tile) run one vector at a time with masked loads and stores. Each lane's
 * distance is the scalar reference's own sequence (sub, then fma over j ascending, from 0) and
 * centres are compared in index order with a strict '<', so its labels are the scalar kernel's
 * bit for bit with no near-tie settling to do. Its k-means++
 * pass (true distances, points in lanes) also serves the {@code gemm} kernel when there are more
 * trials than lanes, and its gathering and update serve the float variant.
 */
final class VectorKernel implements Kernel {
    private static final VectorSpecies<Double> S = VectorWidth.Species.DOUBLE;
    private static final int L = S.length();
    private static final int TILE_ROWS = 4 * L;
    /**
     * Rows a kernel call works on at a time, whatever the chunk: a gathered column block of 256 rows
     * x d = 32 is 64 KiB and stays in cache; a 4096-row chunk's would be 1 MiB (measured slower).
     */
    static final int SUB_BLOCK = 256;

    private final Matrix data;
    private final ThreadLocal<Block> blocks = ThreadLocal.withInitial(Block::new);

    VectorKernel(Matrix data) {
        this.data = data;
    }

    @Override
    public Matrix data() {
        return data;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.SIMD;
    }

    /** Per-thread scratch: a column block of up to one chunk of rows, and per-row results. */
    static final class Block {
        double[] x = new double[0];
        double[] base;
        int offset;
        int stride;
        double[] nearest = new double[0];
        int[] labels = new int[0];

        void ensureRows(int rows) {
            if (nearest.length < rows) {
                nearest = new double[rows];
                labels = new int[rows];
            }
        }
    }

    /** Points {@code block} at rows [from, to) as columns: in place for columns, gathered otherwise. */
    Block columns(int from, int to) {
        Block b = blocks.get();
        int rows = to - from;
        int d = data.d();
        b.ensureRows(rows);
        switch (data) {
            case ColumnMatrix m -> {
                b.base = m.data();
                b.offset = from;
                b.stride = m.stride();
                return b;
            }
            case RowMatrix m -> {
                int bs = prepare(b, rows, d);
                double[] src = m.data();
                for (int r = 0; r < rows; r++) {
                    int s = (from + r) * d;
                    for (int j = 0; j < d; j++) {
                        b.x[j * bs + r] = src[s + j];
                    }
                }
            }
            case BoxedMatrix m -> {
                int bs = prepare(b, rows, d);
                for (int r = 0; r < rows; r++) {
                    double[] f = m.points().get(from + r).features();
                    for (int j = 0; j < d; j++) {
                        b.x[j * bs + r] = f[j];
                    }
                }
            }
        }
        return b;
    }

    private static int prepare(Block b, int rows, int d) {
        int bs = (rows + L - 1) / L * L;
        if (b.x.length < bs * d) {
            b.x = new double[bs * d];
        }
        b.base = b.x;
        b.offset = 0;
        b.stride = bs;
        return bs;
    }

    /** Centres in lanes, each lane the reference's sequence (see {@link VectorMeasure}). */
    @Override
    public Measure measure(double[] centres, int k) {
        return new VectorMeasure(centres, k, data.d());
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = data.d();
        return (from, to, labels, acc) -> {
            for (int s = from; s < to; s += SUB_BLOCK) { // rows still reach the sums in order
                int e = Math.min(to, s + SUB_BLOCK);
                Block b = columns(s, e);
                nearestDiff(b.base, b.offset, b.stride, e - s, d, centres, k, b.nearest);
                accumulate(b, s, e - s, d, labels, acc);
            }
        };
    }

    /** Labels from the block's nearest centres; sums column by column, rows in order (as the scalar kernel). */
    static void accumulate(Block b, int from, int rows, int d, int[] labels, ChunkSums acc) {
        int[] lab = b.labels;
        for (int r = 0; r < rows; r++) {
            int l = (int) b.nearest[r];
            lab[r] = l;
            if (labels[from + r] != l) {
                acc.changed++;
                labels[from + r] = l;
            }
            acc.counts[l]++;
        }
        double[] x = b.base;
        double[] sums = acc.sums;
        for (int j = 0; j < d; j++) {
            int col = b.offset + j * b.stride;
            for (int r = 0; r < rows; r++) {
                sums[lab[r] * d + j] += x[col + r];
            }
        }
    }

    /** Index of the nearest centre (as a double) for each of {@code rows} points, by sum (x - c)^2. */
    static void nearestDiff(double[] x, int off, int stride, int rows, int d, double[] c, int k, double[] out) {
        int r = 0;
        for (; r + TILE_ROWS <= rows; r += TILE_ROWS) {
            DoubleVector b0 = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
            DoubleVector b1 = b0;
            DoubleVector b2 = b0;
            DoubleVector b3 = b0;
            DoubleVector i0 = DoubleVector.zero(S);
            DoubleVector i1 = i0;
            DoubleVector i2 = i0;
            DoubleVector i3 = i0;
            int q = 0;
            for (; q + 2 <= k; q += 2) {
                DoubleVector a00 = DoubleVector.zero(S);
                DoubleVector a10 = a00;
                DoubleVector a20 = a00;
                DoubleVector a30 = a00;
                DoubleVector a01 = a00;
                DoubleVector a11 = a00;
                DoubleVector a21 = a00;
                DoubleVector a31 = a00;
                for (int j = 0; j < d; j++) {
                    int o = off + j * stride + r;
                    DoubleVector x0 = DoubleVector.fromArray(S, x, o);
                    DoubleVector x1 = DoubleVector.fromArray(S, x, o + L);
                    DoubleVector x2 = DoubleVector.fromArray(S, x, o + 2 * L);
                    DoubleVector x3 = DoubleVector.fromArray(S, x, o + 3 * L);
                    DoubleVector c0 = DoubleVector.broadcast(S, c[q * d + j]);
                    DoubleVector c1 = DoubleVector.broadcast(S, c[(q + 1) * d + j]);
                    DoubleVector t = x0.sub(c0);
                    a00 = t.fma(t, a00);
                    t = x1.sub(c0);
                    a10 = t.fma(t, a10);
                    t = x2.sub(c0);
                    a20 = t.fma(t, a20);
                    t = x3.sub(c0);
                    a30 = t.fma(t, a30);
                    t = x0.sub(c1);
                    a01 = t.fma(t, a01);
                    t = x1.sub(c1);
                    a11 = t.fma(t, a11);
                    t = x2.sub(c1);
                    a21 = t.fma(t, a21);
                    t = x3.sub(c1);
                    a31 = t.fma(t, a31);
                }
                // centre q before q + 1, strict '<': the first of equal distances wins
                DoubleVector cq = DoubleVector.broadcast(S, q);
                VectorMask<Double> m = a00.lt(b0);
                b0 = b0.blend(a00, m);
                i0 = i0.blend(cq, m);
                m = a10.lt(b1);
                b1 = b1.blend(a10, m);
                i1 = i1.blend(cq, m);
                m = a20.lt(b2);
                b2 = b2.blend(a20, m);
                i2 = i2.blend(cq, m);
                m = a30.lt(b3);
                b3 = b3.blend(a30, m);
                i3 = i3.blend(cq, m);
                cq = DoubleVector.broadcast(S, q + 1);
                m = a01.lt(b0);
                b0 = b0.blend(a01, m);
                i0 = i0.blend(cq, m);
                m = a11.lt(b1);
                b1 = b1.blend(a11, m);
                i1 = i1.blend(cq, m);
                m = a21.lt(b2);
                b2 = b2.blend(a21, m);
                i2 = i2.blend(cq, m);
                m = a31.lt(b3);
                b3 = b3.blend(a31, m);
                i3 = i3.blend(cq, m);
            }
            if (q < k) { // the last centre when k is odd: only the indices still matter
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                for (int j = 0; j < d; j++) {
                    int o = off + j * stride + r;
                    DoubleVector cj = DoubleVector.broadcast(S, c[q * d + j]);
                    DoubleVector t = DoubleVector.fromArray(S, x, o).sub(cj);
                    a0 = t.fma(t, a0);
                    t = DoubleVector.fromArray(S, x, o + L).sub(cj);
                    a1 = t.fma(t, a1);
                    t = DoubleVector.fromArray(S, x, o + 2 * L).sub(cj);
                    a2 = t.fma(t, a2);
                    t = DoubleVector.fromArray(S, x, o + 3 * L).sub(cj);
                    a3 = t.fma(t, a3);
                }
                DoubleVector cq = DoubleVector.broadcast(S, q);
                i0 = i0.blend(cq, a0.lt(b0));
                i1 = i1.blend(cq, a1.lt(b1));
                i2 = i2.blend(cq, a2.lt(b2));
                i3 = i3.blend(cq, a3.lt(b3));
            }
            i0.intoArray(out, r);
            i1.intoArray(out, r + L);
            i2.intoArray(out, r + 2 * L);
            i3.intoArray(out, r + 3 * L);
        }
        for (; r < rows; r += L) {
            VectorMask<Double> valid = S.indexInRange(r, rows);
            DoubleVector best = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
            DoubleVector idx = DoubleVector.zero(S);
            for (int q = 0; q < k; q++) {
                DoubleVector a = DoubleVector.zero(S);
                for (int j = 0; j < d; j++) {
                    DoubleVector t = DoubleVector.fromArray(S, x, off + j * stride + r, valid)
                            .sub(c[q * d + j]);
                    a = t.fma(t, a);
                }
                VectorMask<Double> m = a.lt(best);
                best = best.blend(a, m);
                idx = idx.blend(q, m);
            }
            idx.intoArray(out, r, valid);
        }
    }

    /**
     * k-means++, points in lanes: each lane computes the scalar reference's distance, the same FMA
     * sequence ({@link ScalarKernel#distanceSq}), so {@code out} is bitwise the scalar kernel's;
     * each pot then adds its rows in row order, as the scalar kernel does.
     */
    @Override
    public void seedDistances(double[] candidates, int trials, double[] closest, double[][] out, double[] pots,
                              int from, int to) {
        int d = data.d();
        java.util.Arrays.fill(pots, 0, trials, 0.0);
        for (int s = from; s < to; s += SUB_BLOCK) {
            int e = Math.min(to, s + SUB_BLOCK);
            Block b = columns(s, e);
            for (int t = 0; t < trials; t++) {
                seedOne(b.base, b.offset, b.stride, e - s, d, candidates, t * d, closest, out[t], s);
            }
            addInRowOrder(out, trials, s, e, pots);
        }
    }

    /**
     * pots[t] += out[t][from], then out[t][from + 1], ... (row order, as the scalar kernel): four
     * trials at a time, so that four independent addition chains share the latency.
     */
    static void addInRowOrder(double[][] out, int trials, int from, int to, double[] pots) {
        int t = 0;
        for (; t + 4 <= trials; t += 4) {
            double[] o0 = out[t];
            double[] o1 = out[t + 1];
            double[] o2 = out[t + 2];
            double[] o3 = out[t + 3];
            double p0 = pots[t];
            double p1 = pots[t + 1];
            double p2 = pots[t + 2];
            double p3 = pots[t + 3];
            for (int i = from; i < to; i++) {
                p0 += o0[i];
                p1 += o1[i];
                p2 += o2[i];
                p3 += o3[i];
            }
            pots[t] = p0;
            pots[t + 1] = p1;
            pots[t + 2] = p2;
            pots[t + 3] = p3;
        }
        for (; t < trials; t++) {
            double[] o = out[t];
            double p = pots[t];
            for (int i = from; i < to; i++) {
                p += o[i];
            }
            pots[t] = p;
        }
    }

    /**
     * out[from + r] = min(closest[from + r], |x_r - cand|^2) for the block's rows, 4 vectors of
     * rows at a time (four independent FMA chains), each lane's chain the reference's sequence.
     */
    static void seedOne(double[] x, int off, int stride, int rows, int d, double[] cand, int co,
                        double[] closest, double[] out, int from) {
        int r = 0;
        for (; r + TILE_ROWS <= rows; r += TILE_ROWS) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int j = 0; j < d; j++) {
                int o = off + j * stride + r;
                DoubleVector cj = DoubleVector.broadcast(S, cand[co + j]);
                DoubleVector t = DoubleVector.fromArray(S, x, o).sub(cj);
                a0 = t.fma(t, a0);
                t = DoubleVector.fromArray(S, x, o + L).sub(cj);
                a1 = t.fma(t, a1);
                t = DoubleVector.fromArray(S, x, o + 2 * L).sub(cj);
                a2 = t.fma(t, a2);
                t = DoubleVector.fromArray(S, x, o + 3 * L).sub(cj);
                a3 = t.fma(t, a3);
            }
            a0.min(DoubleVector.fromArray(S, closest, from + r)).intoArray(out, from + r);
            a1.min(DoubleVector.fromArray(S, closest, from + r + L)).intoArray(out, from + r + L);
            a2.min(DoubleVector.fromArray(S, closest, from + r + 2 * L)).intoArray(out, from + r + 2 * L);
            a3.min(DoubleVector.fromArray(S, closest, from + r + 3 * L)).intoArray(out, from + r + 3 * L);
        }
        for (; r < rows; r += L) {
            VectorMask<Double> valid = S.indexInRange(r, rows);
            DoubleVector a = DoubleVector.zero(S);
            for (int j = 0; j < d; j++) {
                DoubleVector t = DoubleVector.fromArray(S, x, off + j * stride + r, valid).sub(cand[co + j]);
                a = t.fma(t, a);
            }
            a.min(DoubleVector.fromArray(S, closest, from + r, valid)).intoArray(out, from + r, valid);
        }
    }

    @Override
    public String toString() {
        return kind().label() + "/" + data.layout().label() + " (" + S + ")";
    }
}
