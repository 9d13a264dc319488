package kmlab.fit;

import java.util.Arrays;
import java.util.List;
import kmlab.data.BoxedMatrix;
import kmlab.data.ColumnMatrix;
import kmlab.data.DataPoint;
import kmlab.data.Matrix;
import kmlab.data.RowMatrix;
import kmlab.kernel.ChunkSums;
import kmlab.kernel.Kernel;

/**
 * What Hamerly and Elkan share: an assignment that keeps bounds per row and measures a row only
 * where its bounds cannot prove its label, with Lloyd's result. Each pass runs chunk by chunk
 * through {@link AssignPass}'s chunk-ordered reduction, and every row, pruned or not, is added to
 * its centre's sums in row order, as every kernel adds them: the sums are Lloyd's bit for bit, for
 * any thread count. A row's bounds are its own, so chunks never share a write. Distances come from
 * the kernel's {@link Kernel.Measure}, the reference's own values, and {@link Bounds} turns them
 * into bounds that prove the reference's order, so a label is either proven or decided as the
 * reference decides it. The centres' geometry after each move (how far each centre moved, half the
 * distance between centres) is computed once per iteration here.
 */
abstract class PrunedAssign implements Algorithm.Instance {
    final Matrix x;
    final int n;
    final int d;
    final int k;
    final Bounds bounds;
    /** Per centre, an upper bound of how far it moved in the last update, and that times {@link Bounds#UP}. */
    final double[] move;
    final double[] moveUp;
    /** Per centre, a lower bound of half the distance to its nearest other centre (+inf for k = 1). */
    final double[] nearestHalf;
    /** k x k lower bounds of half the distance between two centres, where the algorithm keeps them; else null. */
    final double[] half;
    private final Kernel kernel;
    private final AssignPass pass;
    private final Scratch[] scratch;
    private Kernel.Measure measure;
    private double[] measured;
    private boolean started;
    private long distances;

    /** One chunk's buffers: a gathered row (columns layout), the k distances of a row, and its count. */
    static final class Scratch {
        final double[] row;
        final double[] dist;
        long evaluated;

        Scratch(int d, int k) {
            this.row = new double[d];
            this.dist = new double[k];
        }
    }

    PrunedAssign(KMeans driver, int k, Bounds bounds, boolean pairwise) {
        this.kernel = driver.kernel();
        this.x = kernel.data();
        this.n = x.n();
        this.d = x.d();
        this.k = k;
        this.bounds = bounds;
        this.move = new double[k];
        this.moveUp = new double[k];
        this.nearestHalf = new double[k];
        this.half = pairwise ? new double[k * k] : null;
        this.pass = new AssignPass(kernel, driver.workers(), driver.chunks(), k);
        this.scratch = new Scratch[driver.chunks().count()];
        Arrays.setAll(scratch, c -> new Scratch(d, k));
    }

    /** Row {@code i}'s label when it has no bounds yet (the first pass): all k distances, the reference's choice. */
    abstract int first(int i, double[] x, int xo, Kernel.Measure m, Scratch s);

    /** Row {@code i}'s label after the centres moved, {@code a} its last one; its bounds follow. */
    abstract int next(int i, double[] x, int xo, int a, Kernel.Measure m, Scratch s);

    /** After {@link #moved}'s geometry: what the algorithm derives from it (none unless overridden). */
    void movedGeometry() {
    }

    @Override
    public final ChunkSums assign(double[] centres, int[] labels) {
        Kernel.Measure m = measureOf(centres);
        boolean fresh = !started;
        started = true;
        ChunkSums total = pass.run((c, from, to, acc) -> chunk(scratch[c], from, to, labels, acc, m, fresh));
        for (Scratch s : scratch) {
            distances += s.evaluated;
            s.evaluated = 0;
        }
        return total;
    }

    @Override
    public final long distances() {
        return distances;
    }

    /**
     * How far each centre moved, and half the distance between each two (k (k - 1) / 2 distances
     * between centres, not counted): on the caller's thread, O(k^2 d) against the pass's O(n d).
     */
    @Override
    public final void moved(double[] previous, double[] current) {
        Kernel.Measure m = measureOf(current);
        for (int c = 0; c < k; c++) {
            double mv = bounds.upper(m.one(previous, c * d, c));
            move[c] = Double.isNaN(mv) ? Double.POSITIVE_INFINITY : mv; // unknown: every bound it touches is lost
            moveUp[c] = move[c] * Bounds.UP;
        }
        Arrays.fill(nearestHalf, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
                double h = 0.5 * bounds.lower(m.one(current, a * d, c));
                if (half != null) {
                    half[a * k + c] = h;
                    half[c * k + a] = h;
                }
                nearestHalf[a] = Math.min(nearestHalf[a], h); // a NaN stays: nothing is then pruned by it
                nearestHalf[c] = Math.min(nearestHalf[c], h);
            }
        }
        movedGeometry();
    }

    /**
     * The kernel's exact distances to {@code centres}, bound once for the array moved() and then
     * assign() see: the driver changes centres only between the two, into another array.
     */
    private Kernel.Measure measureOf(double[] centres) {
        if (measured != centres) {
            measure = kernel.measure(centres, k);
            measured = centres;
        }
        return measure;
    }

    /** Rows [from, to) in order, in place where the layout allows (as the scalar kernel reads them). */
    private void chunk(Scratch s, int from, int to, int[] labels, ChunkSums acc, Kernel.Measure m, boolean fresh) {
        if (x instanceof RowMatrix r) {
            double[] a = r.data();
            for (int i = from; i < to; i++) {
                visit(i, a, i * d, labels, acc, m, s, fresh);
            }
        } else if (x instanceof BoxedMatrix b) {
            List<DataPoint> points = b.points();
            for (int i = from; i < to; i++) {
                visit(i, points.get(i).features(), 0, labels, acc, m, s, fresh);
            }
        } else {
            ColumnMatrix cm = (ColumnMatrix) x;
            double[] row = s.row;
            for (int i = from; i < to; i++) {
                cm.copyRow(i, row, 0);
                visit(i, row, 0, labels, acc, m, s, fresh);
            }
        }
    }

    private void visit(int i, double[] x, int xo, int[] labels, ChunkSums acc, Kernel.Measure m, Scratch s,
                       boolean fresh) {
        int old = labels[i];
        int l = fresh ? first(i, x, xo, m, s) : next(i, x, xo, old, m, s);
        acc.add(l, x, xo, d, old != l);
        labels[i] = l;
    }

    /** All k distances of the row into {@code s.dist}, counted; returns the reference's label from them. */
    final int measureAll(double[] x, int xo, Kernel.Measure m, Scratch s) {
        m.all(x, xo, s.dist);
        s.evaluated += k;
        return nearest(s.dist, k);
    }

    /**
     * The reference's label from all k distances: the first of the smallest, by a strict '<' from
     * +inf (so 0 where none is below it, as {@code ScalarKernel.nearest}).
     */
    static int nearest(double[] dist, int k) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (dist[c] < bestDist) {
                bestDist = dist[c];
                best = c;
            }
        }
        return best;
    }
}
