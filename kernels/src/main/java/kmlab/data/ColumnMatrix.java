package kmlab.data;

/**
 * Feature-major: element (i, j) at {@code data[j*stride + i]}, with {@code stride >= n} chosen so
 * that consecutive columns do not start on the same 4 KiB cache set (a prototype here ran 1.9-3x
 * slower when n = 256,000 made the stride exactly 500 pages).
 */
public record ColumnMatrix(double[] data, int n, int d, int stride) implements Matrix {
    private static final int DOUBLES_PER_PAGE = 4096 / Double.BYTES;
    /** Extra doubles per column: 128 bytes, so that columns 0..31 start at 32 different offsets within a page. */
    static final int PAD = 16;

    public ColumnMatrix {
        if (stride < n || (long) stride * d > data.length) {
            throw new IllegalArgumentException("bad stride " + stride + " for " + n + " x " + d);
        }
    }

    /**
     * The stride used for n rows. Small matrices are only rounded to whole 512-bit vectors; larger
     * ones to whole pages plus {@link #PAD}, so the stride is never a multiple of 4 KiB (or 2 KiB)
     * and d <= 32 columns never compete for the same L1 sets.
     */
    public static int strideFor(int n) {
        if (n < DOUBLES_PER_PAGE) {
            return (n + 7) & ~7;
        }
        return Math.addExact((n + DOUBLES_PER_PAGE - 1) / DOUBLES_PER_PAGE * DOUBLES_PER_PAGE, PAD);
    }

    @Override
    public Layout layout() {
        return Layout.COLUMNS;
    }

    @Override
    public double get(int i, int j) {
        return data[j * stride + i];
    }

    static final class Builder implements Matrix.Builder {
        private final int n;
        private final int d;
        private final double[] data;
        private int rows;

        Builder(int n, int d) {
            this.n = n;
            this.d = d;
            this.data = new double[Math.multiplyExact(strideFor(n), d)];
        }

        @Override
        public void add(String id, double[] values) {
            int stride = strideFor(n);
            for (int j = 0; j < d; j++) {
                data[j * stride + rows] = values[j];
            }
            rows++;
        }

        @Override
        public Matrix build() {
            ColumnMatrix full = new ColumnMatrix(data, n, d, strideFor(n));
            if (rows == n) {
                return full;
            }
            Matrix.Builder b = new Builder(rows, d);
            double[] row = new double[d];
            for (int i = 0; i < rows; i++) {
                full.copyRow(i, row, 0);
                b.add(null, row);
            }
            return b.build();
        }
    }

    static final class Slots implements Matrix.Slots {
        private final int n;
        private final int d;
        private final int stride;
        private final double[] data;

        Slots(int n, int d) {
            this.n = n;
            this.d = d;
            this.stride = strideFor(n);
            this.data = new double[Math.multiplyExact(stride, d)];
        }

        @Override
        public void set(int i, String id, double[] values) {
            for (int j = 0; j < d; j++) {
                data[j * stride + i] = values[j];
            }
        }

        @Override
        public Matrix build() {
            return new ColumnMatrix(data, n, d, stride);
        }
    }
}
