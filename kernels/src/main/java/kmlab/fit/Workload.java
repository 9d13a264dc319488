package kmlab.fit;

import kmlab.util.Labels;

/** Which fits one job runs. */
public enum Workload {
    /**
     * Every k in 1..k_max, the writeup's CLI. Each k gets the centres of its own k-means++ seeding;
     * whether it is run for every k or shared between them is {@link Seeding}'s choice.
     */
    SWEEP,
    /** One fit at k = k_max. */
    SINGLE;

    public String label() {
        return Labels.of(this);
    }

    public int[] ks(int kMax) {
        return this == SINGLE ? new int[] {kMax} : java.util.stream.IntStream.rangeClosed(1, kMax).toArray();
    }

    public static Workload parse(String s) {
        return Labels.parse(Workload.class, s, "mode");
    }
}
