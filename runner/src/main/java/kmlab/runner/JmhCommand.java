package kmlab.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import kmlab.bench.KernelBench;
import java.util.concurrent.Callable;
import kmlab.data.Layout;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import kmlab.util.Labels;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "jmh", mixinStandardHelpOptions = false,
        description = {"Runs the JMH kernel benchmarks shipped in this jar; every argument goes to JMH.",
            "Examples:",
            "  kmlab jmh -l                                   list the benchmarks",
            "  kmlab jmh KernelBench.assign -p kernel=gemm -p layout=rows -p n=262144 -p d=32 -p k=32",
            "  kmlab jmh KernelBench.assign -p threads=1,2 -rf json -rff out.json",
            "  kmlab jmh -h                                   JMH's own options"})
final class JmhCommand implements Callable<Integer> {
    /** Everything, in order: picocli matches nothing here, JMH parses it all. */
    @Unmatched
    List<String> args = new ArrayList<>();

    /** The description's last line, the parameters, from the kernel descriptors (injected when picocli builds the model). */
    @Spec
    void describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        // ", " in prose, so that picocli may wrap a list between its items
        lines.add("Parameters: layout (" + inWords(Layout.values()) + ") kernel (" + inWords(KernelKind.values())
                + "; all unless given, with KernelBench alone) precision (" + inWords(Precision.values()) + "; float with "
                + KernelKind.supportingInWords(Precision.FLOAT) + ") threads n d k chunk (0 = automatic).");
        spec.usageMessage().description(lines.toArray(String[]::new));
    }

    private static String inWords(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Labels::of).toList());
    }

    private static String labels(Enum<?>[] values) {
        return String.join(",", Arrays.stream(values).map(Labels::of).toList());
    }

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(withKernels(args));
        return 0;
    }

    /**
     * The arguments, with every kernel family as {@code -p kernel=...} when they give none and select
     * only KernelBench's benchmarks (KernelState's parameter defaults to auto, so that no list of
     * kernels is kept there; JobBench's, fit's default, stays auto). A line JMH cannot read goes to
     * it unchanged, for its own message.
     */
    static String[] withKernels(List<String> args) {
        List<String> out = new ArrayList<>(args);
        try {
            CommandLineOptions o = new CommandLineOptions(args.toArray(String[]::new));
            if (!o.getParameter("kernel").hasValue() && onlyKernelBench(o)) {
                out.add("-p");
                out.add("kernel=" + labels(KernelKind.values()));
            }
        } catch (CommandLineOptionException e) {
            // JMH says what is wrong
        }
        return out.toArray(String[]::new);
    }

    private static boolean onlyKernelBench(CommandLineOptions o) {
        List<String> includes = o.getIncludes().isEmpty() ? List.of(".*") : o.getIncludes();
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        Set<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(silent, includes, o.getExcludes());
        return !selected.isEmpty()
                && selected.stream().allMatch(e -> e.getUserClassQName().equals(KernelBench.class.getName()));
    }
}
