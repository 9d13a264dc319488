package kmlab.fit;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of the end-to-end job that {@code fit} and every Java peer take alike, as a picocli
 * mixin: the peers promise fit's command line, so it is written once. Each command adds its own
 * (threads, layout, kernel, ...).
 */
public final class JobOptions {
    @Parameters(index = "0", paramLabel = "INPUT", description = "CSV file to cluster.")
    public Path input;

    @Option(names = "--k-max", required = true, description = "Largest number of clusters (>= 1).")
    public int kMax;

    @Option(names = "--output", required = true, description = "CSV file to write (replaced atomically).")
    public Path output;

    @Option(names = "--mode", defaultValue = "sweep", converter = WorkloadConverter.class,
            description = "sweep: fit every k in 1..k_max; single: one fit at k_max (default: ${DEFAULT-VALUE}).")
    public Workload mode;

    @Option(names = "--k-true", description = "k at which to report ARI against the label column (default: k_max).")
    public Integer kTrue;

    @Option(names = "--seed", defaultValue = "0", description = "k-means++ seed, the same for every k (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--json", description = "Print one JSON summary on stdout instead of text.")
    public boolean json;

    /** The k at which ARI is reported: --k-true, else k_max. */
    public int ariK() {
        return kTrue == null ? kMax : kTrue;
    }

    /** The lower-case names of {@link Workload}, with the enum's own error listing the valid ones. */
    public static final class WorkloadConverter implements ITypeConverter<Workload> {
        @Override
        public Workload convert(String s) {
            try {
                return Workload.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
