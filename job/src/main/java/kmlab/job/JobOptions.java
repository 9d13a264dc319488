package kmlab.job;

import java.nio.file.Path;
import kmlab.cli.Options;
import kmlab.cli.Values;
import kmlab.fit.Workload;

/**
 * The options of the end-to-end job that {@code fit} and every Java peer take alike: the peers
 * promise fit's command line, so it is written once, as {@link #TABLE}. Each command adds its own
 * (threads, layout, kernel, ...) to a table of its own that includes this one.
 */
public record JobOptions(Path input, int kMax, Path output, Workload mode, Integer kTrue, long seed, boolean json) {
    public static final Options TABLE = new Options("job")
            .positional("INPUT", "CSV file to cluster.")
            .required("--k-max", "kMax", "Largest number of clusters (>= 1).")
            .required("--output", "output", "CSV file to write (replaced atomically).")
            .option("--mode", "mode", "sweep", "sweep: fit every k in 1..k_max; single: one fit at k_max (default: ${DEFAULT-VALUE}).")
            .option("--k-true", "kTrue", null, "k at which to report ARI against the label column (default: k_max).")
            .option("--seed", "seed", "0", "k-means++ seed, the same for every k (default: ${DEFAULT-VALUE}).")
            .flag("--json", "Print one JSON summary on stdout instead of text.");

    /** The job's options from a command line read with a table that includes {@link #TABLE}. */
    public static JobOptions of(Values v) {
        return new JobOptions(Path.of(v.positional()), v.integer("--k-max"), v.path("--output"),
                v.parsed("--mode", Workload::parse), v.optionalInteger("--k-true"), v.longInteger("--seed"),
                v.flag("--json"));
    }

    /** The k at which ARI is reported: --k-true, else k_max. */
    public int ariK() {
        return kTrue == null ? kMax : kTrue;
    }
}
