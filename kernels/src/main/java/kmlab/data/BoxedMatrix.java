package kmlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The writeup's layout: a list of {@link DataPoint} objects, each with its own id string and
 * feature array. {@link Layout#BOXED} allocates them in row order: the block reader allocates each
 * block's rows in order on the thread that parses it, so runs of a block's consecutive rows
 * (thousands) stay contiguous. {@link Layout#BOXED_SCATTERED} allocates them again in a shuffled
 * order among other live objects ({@link #scatter}), kept in {@code neighbours} for as long as the
 * matrix lives.
 */
public record BoxedMatrix(List<DataPoint> points, int d, Layout layout, Object[] neighbours) implements Matrix {
    /** Fixed, so that every run of a dataset scatters its rows alike. */
    private static final long SCATTER_SEED = 0x5CA77E4L;
    /** Words of the live object allocated between two rows: with its header, 32 bytes, half a cache line. */
    private static final int NEIGHBOUR_WORDS = 2;

    public BoxedMatrix {
        if (!layout.boxed()) {
            throw new IllegalArgumentException("not a boxed layout: " + layout.label());
        }
    }

    /** Rows allocated in row order. */
    public BoxedMatrix(List<DataPoint> points, int d) {
        this(points, d, Layout.BOXED, null);
    }

    @Override
    public int n() {
        return points.size();
    }

    @Override
    public double get(int i, int j) {
        return points.get(i).features()[j];
    }

    @Override
    public void copyRow(int i, double[] dst, int off) {
        System.arraycopy(points.get(i).features(), 0, dst, off, d);
    }

    /**
     * The same rows, each {@link DataPoint} and its feature array allocated anew in a shuffled order
     * (a fixed seed), one small live object after each, so that neighbours in the list are far apart
     * on the heap. A collector that copies objects (a young collection) moves them in the order it
     * finds them: the new objects are held, until they are old, in an array in their allocation
     * order, never the list's, so that a collection during the scatter keeps the shuffle; one full
     * collection at the end, which slides objects and keeps their order, makes them old, after which
     * young collections no longer move them. The rows exist twice until that collection, so the
     * peak heap is about twice the boxed matrix's, and the read phase carries the collection.
     */
    static BoxedMatrix scatter(List<DataPoint> inOrder, int d) {
        int n = inOrder.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom rnd = new SplittableRandom(SCATTER_SEED);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Object[] allocated = new Object[2 * n]; // a row, its neighbour, the next row, ...
        for (int t = 0; t < n; t++) {
            DataPoint p = inOrder.set(order[t], null); // the in-order copy is garbage from here
            allocated[2 * t] = new DataPoint(p.id(), p.features().clone());
            allocated[2 * t + 1] = new long[NEIGHBOUR_WORDS];
        }
        System.gc();
        DataPoint[] byRow = new DataPoint[n];
        Object[] neighbours = new Object[n];
        for (int t = 0; t < n; t++) {
            byRow[order[t]] = (DataPoint) allocated[2 * t];
            neighbours[t] = allocated[2 * t + 1];
        }
        return new BoxedMatrix(new ArrayList<>(Arrays.asList(byRow)), d, Layout.BOXED_SCATTERED, neighbours);
    }

    /** A boxed matrix of {@code points} in {@code layout}: scattered where it asks for it. */
    private static BoxedMatrix of(List<DataPoint> points, int d, Layout layout) {
        return layout == Layout.BOXED_SCATTERED ? scatter(points, d) : new BoxedMatrix(points, d);
    }

    static final class Builder implements Matrix.Builder {
        private final int d;
        private final Layout layout;
        private final List<DataPoint> points;

        Builder(int n, int d, Layout layout) {
            this.d = d;
            this.layout = layout;
            this.points = new ArrayList<>(n);
        }

        @Override
        public void add(String id, double[] values) {
            String name = id != null ? id : Integer.toString(points.size());
            points.add(new DataPoint(name, values.clone()));
        }

        @Override
        public Matrix build() {
            return of(points, d, layout);
        }
    }

    static final class Slots implements Matrix.Slots {
        private final int d;
        private final Layout layout;
        private final List<DataPoint> points;

        Slots(int n, int d, Layout layout) {
            this.d = d;
            this.layout = layout;
            this.points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                points.add(null); // set() needs the size (nCopies would copy a second n-sized array)
            }
        }

        @Override
        public void set(int i, String id, double[] values) {
            points.set(i, new DataPoint(id != null ? id : Integer.toString(i), values.clone()));
        }

        @Override
        public Matrix build() {
            return of(points, d, layout);
        }
    }
}
