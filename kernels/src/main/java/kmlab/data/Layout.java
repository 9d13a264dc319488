package kmlab.data;

import kmlab.util.Labels;

/** How the n x d feature matrix sits in memory. */
public enum Layout {
    /** A {@code List<DataPoint>}: one object and one {@code double[]} per row, the writeup's layout. */
    BOXED,
    /** One flat row-major {@code double[n*d]}. */
    ROWS,
    /** One flat feature-major array, each column padded so its stride is not a multiple of 4 KiB. */
    COLUMNS;

    public String label() {
        return Labels.of(this);
    }

    public static Layout parse(String s) {
        return Labels.parse(Layout.class, s, "layout");
    }
}
