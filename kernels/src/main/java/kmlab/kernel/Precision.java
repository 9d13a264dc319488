package kmlab.kernel;

import kmlab.util.Labels;

/** The arithmetic of the assignment step's distances. */
public enum Precision {
    DOUBLE,
    /**
     * The nearest-centre search in float (twice the lanes); k-means++, the update sums and the
     * inertia stay in double. A row whose float lead is within the proven float rounding bound is
     * settled by the double reference, so the labels are double's, bit for bit.
     */
    FLOAT;

    public String label() {
        return Labels.of(this);
    }

    public static Precision parse(String s) {
        return Labels.parse(Precision.class, s, "precision");
    }
}
