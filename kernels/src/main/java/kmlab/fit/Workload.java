package kmlab.fit;

import java.util.Locale;

/** Which fits one job runs. */
public enum Workload {
    /** Every k in 1..k_max, each seeded afresh: the writeup's CLI. */
    SWEEP,
    /** One fit at k = k_max. */
    SINGLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int[] ks(int kMax) {
        return this == SINGLE ? new int[] {kMax} : java.util.stream.IntStream.rangeClosed(1, kMax).toArray();
    }

    public static Workload parse(String s) {
        for (Workload w : values()) {
            if (w.label().equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + s + "' (expected sweep or single)");
    }
}
