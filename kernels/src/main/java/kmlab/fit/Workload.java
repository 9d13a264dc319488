package kmlab.fit;

import kmlab.util.Labels;

/** Which fits one job runs. */
public enum Workload {
    /** Every k in 1..k_max, each seeded afresh: the writeup's CLI. */
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
