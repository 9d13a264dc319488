package kmlab.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kmlab.grid.Merge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins the results folders of one grid's shards (kmlab run --shard I/N) into OUT.",
            "Refuses folders of different grid files, runs that appear twice, a damaged runs.jsonl, and an OUT or FOLDER another kmlab run or merge is using; reads every FOLDER before it writes OUT."})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The merged folder (new or empty).")
    Path target;

    @Parameters(index = "1..*", arity = "2..*", paramLabel = "FOLDER", description = "Results folders to join.")
    List<Path> sources;

    @Override
    public Integer call() throws Exception {
        int runs = Merge.merge(target, sources);
        spec.commandLine().getOut().printf("merged %d runs from %d folders into %s%n", runs, sources.size(), target);
        return 0;
    }
}
