package kmlab.fit;

import kmlab.util.Labels;

/** How a job with several k gets its k-means++ centres; both give bitwise the same centres. */
public enum Seeding {
    /**
     * One seeding to the largest k of each local-trial count, its first k centres for every smaller
     * k of that count (see {@link SweepSeeds}).
     */
    SHARED,
    /** Every k seeded from scratch, as the writeup's programs and the peers do. */
    FRESH;

    public String label() {
        return Labels.of(this);
    }

    public static Seeding parse(String s) {
        return Labels.parse(Seeding.class, s, "seeding");
    }
}
