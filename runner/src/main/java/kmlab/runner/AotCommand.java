package kmlab.runner;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "aot", mixinStandardHelpOptions = true,
        description = {"Trains the JDK's AOT cache for this runner.jar: one short fit (20,000 x 8, k 1..8) in a",
            "JVM with this JVM's options, recorded into the cache, which the launcher then uses",
            "(-XX:AOTCache) while it is newer than the jar; grids use it for 'jvm: aot'. The",
            "launcher's build runs it."})
final class AotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cache", description = "The cache file to write (default: runner.aot beside the jar).")
    Path cache;

    @Override
    public Integer call() throws Exception {
        Path jar = AotCache.jar();
        if (jar == null) {
            throw new IllegalArgumentException("the AOT cache is for runner.jar; start this command as java -jar runner.jar aot");
        }
        Path target = cache != null ? cache : AotCache.defaultFor(jar);
        // the options the cache's users run with (the launcher's), without the module and any AOT flag
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> !o.startsWith("--add-modules") && !o.startsWith("-XX:AOT") && !o.startsWith("-Djdk.module"))
                .toList();
        long t0 = System.nanoTime();
        int code = AotCache.train(jar, target, options);
        if (code != 0) {
            spec.commandLine().getErr().println("kmlab aot: the training run failed (exit " + code + "); no cache written");
            return 1;
        }
        spec.commandLine().getOut().printf("kmlab aot: wrote %s (%.1f s, options %s)%n", target,
                (System.nanoTime() - t0) / 1e9, options);
        return 0;
    }
}
