package kmlab.data;

import java.util.Locale;

/** How the n x d feature matrix sits in memory. */
public enum Layout {
    /** A {@code List<DataPoint>}: one object and one {@code double[]} per row, the writeup's layout. */
    BOXED,
    /** One flat row-major {@code double[n*d]}. */
    ROWS,
    /** One flat feature-major array, each column padded so its stride is not a multiple of 4 KiB. */
    COLUMNS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Layout parse(String s) {
        for (Layout l : values()) {
            if (l.label().equals(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + s + "' (expected boxed, rows or columns)");
    }
}
