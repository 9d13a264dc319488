package kmlab.kernel;

import java.util.Locale;

/** The arithmetic of the assignment step's distances. */
public enum Precision {
    DOUBLE,
    /**
     * The nearest-centre search in float (twice the lanes); k-means++, the update sums and the
     * inertia stay in double. Labels may differ from double where two centres are within float
     * rounding of each other.
     */
    FLOAT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.label().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "' (expected double or float)");
    }
}
