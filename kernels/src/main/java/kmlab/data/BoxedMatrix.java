package kmlab.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The writeup's layout: a list of {@link DataPoint} objects, each with its own id string and
 * feature array, allocated in row order (shuffled allocation would measure pointer chasing, a
 * different question). The block reader allocates each block's rows in order on the thread that
 * parses it, so runs of a block's consecutive rows (thousands) stay contiguous.
 */
public record BoxedMatrix(List<DataPoint> points, int d) implements Matrix {
    @Override
    public int n() {
        return points.size();
    }

    @Override
    public Layout layout() {
        return Layout.BOXED;
    }

    @Override
    public double get(int i, int j) {
        return points.get(i).features()[j];
    }

    @Override
    public void copyRow(int i, double[] dst, int off) {
        System.arraycopy(points.get(i).features(), 0, dst, off, d);
    }

    static final class Builder implements Matrix.Builder {
        private final int d;
        private final List<DataPoint> points;

        Builder(int n, int d) {
            this.d = d;
            this.points = new ArrayList<>(n);
        }

        @Override
        public void add(String id, double[] values) {
            String name = id != null ? id : Integer.toString(points.size());
            points.add(new DataPoint(name, values.clone()));
        }

        @Override
        public Matrix build() {
            return new BoxedMatrix(points, d);
        }
    }

    static final class Slots implements Matrix.Slots {
        private final int d;
        private final List<DataPoint> points;

        Slots(int n, int d) {
            this.d = d;
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
            return new BoxedMatrix(points, d);
        }
    }
}
