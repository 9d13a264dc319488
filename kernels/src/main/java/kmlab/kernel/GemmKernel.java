package kmlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
 * in place, boxed and columns gathered chunk by chunk. k-means++ needs true distances, so seeding
 * is the {@code simd} kernel's.
 */
final class GemmKernel implements Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BLOCK = 4 * L;

    private final Matrix data;
    private final Kernel seeding;
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per-thread scratch. A tile leaves its 16 accumulators in {@code scores} for the argmax:
     * vectors never cross a method call here, since a call C2 does not inline boxes them (seen:
     * 4x slower and megabytes allocated a pass).
     */
    static final class Scratch {
        final double[] scores = new double[4 * BLOCK];
        final double[] best = new double[4];
        final int[] label = new int[4];
        double[] rows = new double[0];
        int[] labels = new int[0];

        double[] rows(int size) {
            if (rows.length < size) {
                rows = new double[size];
            }
            return rows;
        }

        int[] labels(int size) {
            if (labels.length < size) {
                labels = new int[size];
            }
            return labels;
        }
    }

    GemmKernel(Matrix data) {
        this.data = data;
        this.seeding = new VectorKernel(data);
    }

    @Override
    public Matrix data() {
        return data;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.GEMM;
    }

    @Override
    public void seedDistances(double[] candidates, int trials, double[] closest, double[][] out, double[] pots,
                              int from, int to) {
        seeding.seedDistances(candidates, trials, closest, out, pots, from, to);
    }

    @Override
    public Assigner bind(double[] centres, int k) {
        int d = data.d();
        int kp = (k + L - 1) / L * L;
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
        return (from, to, labels, acc) -> {
            int rows = to - from;
            Scratch sc = scratches.get();
            double[] x;
            int off;
            if (data instanceof RowMatrix m) {
                x = m.data();
                off = from * d;
            } else {
                x = sc.rows(rows * d);
                off = 0;
                gather(from, to, x);
            }
            int[] nearest = sc.labels(rows);
            nearestRows(x, off, rows, d, ct, start, kp, sc, nearest);
            for (int r = 0; r < rows; r++) {
                int l = nearest[r];
                acc.add(l, x, off + r * d, d, labels[from + r] != l);
                labels[from + r] = l;
            }
        };
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

    /**
     * The nearest centre of each of {@code rows} rows stored row-major from {@code x[off]}, into
     * {@code out}; the first centre wins a tie. A short last group of 4 repeats its last row.
     */
    static void nearestRows(double[] x, int off, int rows, int d, double[] ct, double[] start, int kp,
                            Scratch sc, int[] out) {
        double[] e = sc.scores;
        for (int r = 0; r < rows; r += 4) {
            int o0 = off + r * d;
            int o1 = off + Math.min(r + 1, rows - 1) * d;
            int o2 = off + Math.min(r + 2, rows - 1) * d;
            int o3 = off + Math.min(r + 3, rows - 1) * d;
            java.util.Arrays.fill(sc.best, Double.NEGATIVE_INFINITY);
            int c = 0;
            for (; c + BLOCK <= kp; c += BLOCK) {
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
                a00.intoArray(e, 0);
                a01.intoArray(e, L);
                a02.intoArray(e, 2 * L);
                a03.intoArray(e, 3 * L);
                a10.intoArray(e, BLOCK);
                a11.intoArray(e, BLOCK + L);
                a12.intoArray(e, BLOCK + 2 * L);
                a13.intoArray(e, BLOCK + 3 * L);
                a20.intoArray(e, 2 * BLOCK);
                a21.intoArray(e, 2 * BLOCK + L);
                a22.intoArray(e, 2 * BLOCK + 2 * L);
                a23.intoArray(e, 2 * BLOCK + 3 * L);
                a30.intoArray(e, 3 * BLOCK);
                a31.intoArray(e, 3 * BLOCK + L);
                a32.intoArray(e, 3 * BLOCK + 2 * L);
                a33.intoArray(e, 3 * BLOCK + 3 * L);
                pick(sc, c, 4);
            }
            for (; c < kp; c += L) { // centre vectors beyond the last whole block, one at a time
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
                a0.intoArray(e, 0);
                a1.intoArray(e, BLOCK);
                a2.intoArray(e, 2 * BLOCK);
                a3.intoArray(e, 3 * BLOCK);
                pick(sc, c, 1);
            }
            for (int p = 0; p < 4 && r + p < rows; p++) {
                out[r + p] = sc.label[p];
            }
        }
    }

    /**
     * For each of 4 points, keeps the largest score among centres c .. c + vectors*L (in
     * sc.scores); strict '>' so an earlier centre keeps a tie.
     */
    private static void pick(Scratch sc, int c, int vectors) {
        double[] e = sc.scores;
        for (int p = 0; p < 4; p++) {
            int base = p * BLOCK;
            DoubleVector m = DoubleVector.fromArray(S, e, base);
            for (int v = 1; v < vectors; v++) {
                m = m.max(DoubleVector.fromArray(S, e, base + v * L));
            }
            double max = m.reduceLanes(VectorOperators.MAX);
            if (max > sc.best[p]) {
                sc.best[p] = max;
                for (int v = 0; v < vectors; v++) {
                    VectorMask<Double> hit = DoubleVector.fromArray(S, e, base + v * L).eq(max);
                    if (hit.anyTrue()) {
                        sc.label[p] = c + v * L + hit.firstTrue();
                        break;
                    }
                }
            }
        }
    }
}
