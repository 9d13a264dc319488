package kmlab.runner;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kmlab.analysis.Analysis;
import kmlab.analysis.Audit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Audits a grid's results folder and writes its report into it.",
            "Writes report.md, a self-contained report.html, plots/ (PNG and SVG) and tables/ (CSV): per-implementation figures, paired ratios with 95% bootstrap intervals, the parallel crossover n*, the thread sweep, JMH GFLOP/s against the measured peak. kmlab run does this at the end of every grid run.",
            "Exit code: 0 when the audit passes (or passes with warnings), 1 when it fails (the report is still written, marked as failed), 2 for a folder that is not a results folder."})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_FOLDER", description = "A folder written by kmlab run (holds runs.jsonl).")
    Path folder;

    @Override
    public Integer call() throws Exception {
        Audit.Verdict v = Analysis.run(folder, spec.commandLine().getErr());
        return v == Audit.Verdict.FAIL ? 1 : 0;
    }
}
