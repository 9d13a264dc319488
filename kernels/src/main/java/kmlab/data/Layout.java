package kmlab.data;

import kmlab.util.Labels;

/** How the n x d feature matrix sits in memory. */
public enum Layout {
    /**
     * A {@code List<DataPoint>}: one object and one {@code double[]} per row, allocated in row order,
     * so that they lie almost contiguous on the heap, as the writeup's Rust {@code Vec<DataPoint>}
     * holds its rows (each feature vector a heap buffer of its own, allocated in row order).
     */
    BOXED,
    /**
     * The same {@code List<DataPoint>}, its objects allocated in a shuffled order among other live
     * objects and kept so ({@link BoxedMatrix#scatter}): neighbours in the list are far apart on the
     * heap, so a pass over the rows chases pointers.
     */
    BOXED_SCATTERED,
    /** One flat row-major {@code double[n*d]}. */
    ROWS,
    /** One flat feature-major array, each column padded so its stride is not a multiple of 4 KiB. */
    COLUMNS;

    /** Whether the rows are {@link DataPoint} objects ({@link BoxedMatrix}). */
    public boolean boxed() {
        return this == BOXED || this == BOXED_SCATTERED;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Layout parse(String s) {
        return Labels.parse(Layout.class, s, "layout");
    }
}
