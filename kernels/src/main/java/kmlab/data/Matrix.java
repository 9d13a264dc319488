package kmlab.data;

/**
 * A read-only n x d matrix of doubles in one of three layouts. Kernels switch on the concrete
 * type to pick the loop that fits the layout; everything else uses {@link #get}.
 */
public sealed interface Matrix permits BoxedMatrix, RowMatrix, ColumnMatrix {
    int n();

    int d();

    Layout layout();

    double get(int i, int j);

    /** Copies row {@code i} into {@code dst[off .. off+d)}. */
    default void copyRow(int i, double[] dst, int off) {
        for (int j = 0; j < d(); j++) {
            dst[off + j] = get(i, j);
        }
    }

    /**
     * Squared Euclidean distance from row {@code i} to the centre {@code c} of a row-major k x d
     * array, by the library's one formula (the scalar kernel's): s = fma(diff, diff, s) over j
     * ascending, so the inertia and the relocation see bitwise the kernels' distances.
     */
    default double distanceSq(int i, double[] centres, int c) {
        int d = d();
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = get(i, j) - centres[c * d + j];
            s = Math.fma(diff, diff, s);
        }
        return s;
    }

    /** A builder that receives rows in order and produces a matrix of the given layout. */
    static Builder builder(Layout layout, int n, int d) {
        return switch (layout) {
            case BOXED, BOXED_SCATTERED -> new BoxedMatrix.Builder(n, d, layout);
            case ROWS -> new RowMatrix.Builder(n, d);
            case COLUMNS -> new ColumnMatrix.Builder(n, d);
        };
    }

    /** The rows of an n x d matrix of the given layout, each placed at its index ({@link Slots}). */
    static Slots slots(Layout layout, int n, int d) {
        return switch (layout) {
            case BOXED, BOXED_SCATTERED -> new BoxedMatrix.Slots(n, d, layout);
            case ROWS -> new RowMatrix.Slots(n, d);
            case COLUMNS -> new ColumnMatrix.Slots(n, d);
        };
    }

    /** Copies any matrix into the given layout (ids of boxed rows are their row numbers unless given). */
    static Matrix copyOf(Matrix m, Layout layout, String[] ids) {
        Builder b = builder(layout, m.n(), m.d());
        double[] row = new double[m.d()];
        for (int i = 0; i < m.n(); i++) {
            m.copyRow(i, row, 0);
            b.add(ids == null ? null : ids[i], row);
        }
        return b.build();
    }

    /** Receives rows in order; {@link #build} may be called after fewer rows than announced. */
    interface Builder {
        /** Adds the next row; {@code values} is copied, so the caller may reuse it. */
        void add(String id, double[] values);

        Matrix build();
    }

    /**
     * Receives the n rows of a matrix by index, in any order and from several threads at once: the
     * block reader parses blocks of rows on the job's threads straight into the matrix. Distinct rows
     * write distinct elements, and the pass that sets them publishes them to the thread that builds.
     */
    interface Slots {
        /** Sets row {@code i} (each row once); {@code values} is copied, so the caller may reuse it. */
        void set(int i, String id, double[] values);

        /** The matrix, once every row is set. */
        Matrix build();
    }
}
