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
 * sub and an FMA per pair-feature) in the tiles of {@link SimdDoubleTiles} (generated from the
 * template the float variant shares), 4 point vectors x 2 centres. Columns are read in
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
    private static final int TILE_ROWS = SimdDoubleTiles.TILE_ROWS;
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
                SimdDoubleTiles.nearest(b.base, b.offset, b.stride, e - s, d, centres, k, b.nearest, null, null);
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
