package kmlab.kernel;

import kmlab.util.Labels;

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
        return Labels.of(this);
    }

    public static Precision parse(String s) {
        return Labels.parse(Precision.class, s, "precision");
    }
}
