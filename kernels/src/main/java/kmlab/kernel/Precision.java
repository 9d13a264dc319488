package kmlab.kernel;

import kmlab.util.Labels;

/** The arithmetic of the assignment step's distances. */
public enum Precision {
    DOUBLE(Double.SIZE),
    /**
     * The nearest-centre search in float (twice the lanes); k-means++, the update sums and the
     * inertia stay in double. A row whose float lead is within the proven float rounding bound is
     * settled by the double reference, so the labels are double's, bit for bit.
     */
    FLOAT(Float.SIZE);

    private final int bits;

    Precision(int bits) {
        this.bits = bits;
    }

    /** Bits of one value: a vector holds its width / bits() lanes. */
    public int bits() {
        return bits;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Precision parse(String s) {
        return Labels.parse(Precision.class, s, "precision");
    }
}
