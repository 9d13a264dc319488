package kmlab.data;

import java.util.Arrays;

/** Row-major: element (i, j) at {@code data[i*d + j]}. */
public record RowMatrix(double[] data, int n, int d) implements Matrix {
    public RowMatrix {
        if ((long) n * d > data.length) {
            throw new IllegalArgumentException("data too short for " + n + " x " + d);
        }
    }

    @Override
    public Layout layout() {
        return Layout.ROWS;
    }

    @Override
    public double get(int i, int j) {
        return data[i * d + j];
    }

    @Override
    public void copyRow(int i, double[] dst, int off) {
        System.arraycopy(data, i * d, dst, off, d);
    }

    static final class Builder implements Matrix.Builder {
        private final int d;
        private double[] data;
        private int rows;

        Builder(int n, int d) {
            this.d = d;
            this.data = new double[Math.multiplyExact(n, d)];
        }

        @Override
        public void add(String id, double[] values) {
            System.arraycopy(values, 0, data, rows * d, d);
            rows++;
        }

        @Override
        public Matrix build() {
            if (rows * d != data.length) {
                data = Arrays.copyOf(data, rows * d);
            }
            return new RowMatrix(data, rows, d);
        }
    }

    static final class Slots implements Matrix.Slots {
        private final int n;
        private final int d;
        private final double[] data;

        Slots(int n, int d) {
            this.n = n;
            this.d = d;
            this.data = new double[Math.multiplyExact(n, d)];
        }

        @Override
        public void set(int i, String id, double[] values) {
            System.arraycopy(values, 0, data, i * d, d);
        }

        @Override
        public Matrix build() {
            return new RowMatrix(data, n, d);
        }
    }
}
