package kmlab.runner;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Prints this machine's fingerprint: CPU, cores, caches, memory, OS, JDK, JVM flags and the Vector API's preferred species.",
            "With --peak it also measures (about 10 s) the FMA peak (double and float, one thread and all) and the read bandwidth from memory, in this process."})
final class EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--peak", description = "Also measure FMA peak and memory bandwidth (takes about 10 s).")
    boolean peak;

    @Override
    public Integer call() {
        Map<String, Object> info = MachineInfo.collect();
        // fit's defaults choose per fit by these rules (from n, d, k and the vector width only, never a timing)
        info.put("kernel_auto", kmlab.kernel.KernelChoice.rule());
        info.put("threads_auto", kmlab.kernel.ThreadsChoice.rule());
        info.put("algorithm_auto", kmlab.fit.AlgorithmChoice.rule());
        if (peak) {
            spec.commandLine().getErr().println("kmlab env: measuring FMA peak and memory bandwidth (about 10 s) ...");
            info.put("peak", MachinePeak.measure(Runtime.getRuntime().availableProcessors()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(info));
        } else {
            info.forEach((key, value) -> out.printf("%-22s %s%n", key, value));
        }
        return 0;
    }
}
