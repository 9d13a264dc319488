package kmlab.fit;

/**
 * What {@code --algorithm} asks for: one algorithm for every fit, or {@code auto}: for each fit, from
 * its n and d only (never from a timing), the algorithm measured fastest for such a shape. Every
 * algorithm gives Lloyd's fit bitwise, so the choice changes the time of a fit, never its result.
 */
public record AlgorithmChoice(Algorithm fixed) {
    public static final AlgorithmChoice AUTO = new AlgorithmChoice(null);

    /**
     * Rows up to which auto prunes with Hamerly, at d at most {@link #HAMERLY_MAX_D}. Measured in
     * results/algorithms (Intel Xeon, 2 vCPU, sweeps to k_max 32, all cores, 3 repeats): at 16,000 x 2
     * Hamerly took 0.66 s against Lloyd's 0.74 (separated blobs) and 0.91 against 1.23 (overlapping);
     * at 256,000 x 2 it took twice Lloyd's time, and at d = 8 and 32 it never won by more than the
     * noise. Between 16,000 and 256,000 rows nothing is measured, so auto keeps to the measured side.
     */
    static final int HAMERLY_MAX_ROWS = 16_384;
    static final int HAMERLY_MAX_D = 2;

    public static AlgorithmChoice of(Algorithm a) {
        return new AlgorithmChoice(a);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** The algorithm of a fit on n rows of d features (k does not enter the measured rule). */
    public Algorithm algorithmFor(int n, int d) {
        if (fixed != null) {
            return fixed;
        }
        return n <= HAMERLY_MAX_ROWS && d <= HAMERLY_MAX_D ? Hamerly.INSTANCE : Lloyd.INSTANCE;
    }

    public String label() {
        return isAuto() ? "auto" : fixed.label();
    }

    /** {@code auto} or an algorithm's label. */
    public static AlgorithmChoice parse(String s) {
        return "auto".equals(s) ? AUTO : of(Algorithms.parse(s));
    }

    /** The rule of auto, in words (kmlab env prints it). */
    public static String rule() {
        return "hamerly for n <= " + HAMERLY_MAX_ROWS + " rows and d <= " + HAMERLY_MAX_D + ", lloyd elsewhere";
    }
}
