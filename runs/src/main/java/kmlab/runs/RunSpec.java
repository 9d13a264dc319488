package kmlab.runs;

import kmlab.fit.Workload;

/**
 * One planned run: an implementation fitting one dataset with one setting, the r-th time. Runs of
 * one {@code group} (same dataset, setting and repeat, every implementation) run back to back and
 * are never split between shards, so every paired ratio compares runs of one machine.
 *
 * @param key       names the run across resumes, shards and merges (see {@link #keyOf})
 * @param axes      a value for every axis of {@link Axes#ALL} (null where it does not apply, e.g. a peer's layout)
 * @param seed      the grid's seed: of the data and of k-means++
 * @param benchmark the JMH benchmark (engine jmh; the repeat is its one fork), or null (engine cli)
 */
public record RunSpec(int index, int group, String key, String grid, Engine engine, String implementation,
                      AxisValues axes, int repeat, long seed, String benchmark) {

    public <T> T get(Axis<T> axis) {
        return axes.get(axis);
    }

    public boolean isPeer() {
        return get(Axes.PEER) != null;
    }

    /** The generated dataset's name: the data axes' tags and the seed ({@code blobs_n1000_d8_c8_s1}). */
    public static String datasetName(AxisValues axes, long seed) {
        StringBuilder sb = new StringBuilder("blobs");
        for (Axis<?> a : Axes.of(Axis.Section.DATA)) {
            sb.append(axes.fileTag(a));
        }
        return sb.append("_s").append(seed).toString();
    }

    public String datasetName() {
        return datasetName(axes, seed);
    }

    /** {@code DATASET/SETTING_kK/rR/IMPLEMENTATION}, the setting being the workload or the JMH benchmark. */
    public static String keyOf(AxisValues axes, long seed, String benchmark, int repeat, String implementation) {
        Workload mode = axes.get(Axes.MODE);
        String what = benchmark != null ? benchmark : mode.label();
        return datasetName(axes, seed) + "/" + what + "_k" + axes.get(Axes.K_MAX) + "/r" + repeat + "/" + implementation;
    }
}
