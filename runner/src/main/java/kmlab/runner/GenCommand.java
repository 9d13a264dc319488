package kmlab.runner;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kmlab.data.Blobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gen", mixinStandardHelpOptions = true,
        description = {"Writes Gaussian blobs with ground-truth labels as CSV (columns id, x0.., label).",
            "Centres uniform in [-10, 10]^d, each blob of standard deviation --std (a grid's data.cluster_std), rows shuffled, values rounded to six decimals; one seed, one file."})
final class GenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, description = "Number of rows n (>= clusters).")
    int rows;

    @Option(names = "--features", required = true, description = "Number of features d (>= 1).")
    int features;

    @Option(names = "--clusters", required = true, description = "Number of true clusters (>= 1).")
    int clusters;

    @Option(names = "--std", defaultValue = "1", description = "Standard deviation of each blob, > 0; larger"
            + " values make the clusters overlap (default: ${DEFAULT-VALUE}).")
    double std;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, description = "CSV file to write (replaced atomically).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Blobs.write(output, rows, features, clusters, std, seed);
        return 0;
    }
}
