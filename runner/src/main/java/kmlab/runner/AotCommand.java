package kmlab.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "aot", mixinStandardHelpOptions = true,
        description = {"Trains the JDK's AOT caches of this runner.jar (the launcher's build runs it).",
            "One short fit (20,000 x 8, k 1..8) each, with this JVM's options: runner.aot for JVMs with the Vector API module (a gemm fit), runner-plain.aot for fits started without it (a scalar fit). The launcher uses them (-XX:AOTCache) while they were trained on this jar; grids use them for 'jvm: aot'."})
final class AotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        Path jar = AotCache.jar();
        if (jar == null) {
            throw new IllegalArgumentException("the AOT cache is for runner.jar; start this command as java -jar runner.jar aot");
        }
        // the options the caches' users run with (the launcher's)
        List<String> options = AotCache.ownJvmOptions();
        for (AotCache.Kind kind : AotCache.Kind.values()) {
            Path target = AotCache.cacheFor(jar, kind);
            long t0 = System.nanoTime();
            int code = AotCache.train(jar, target, options, kind);
            if (code != 0) {
                spec.commandLine().getErr().println("kmlab aot: the training run for " + target.getFileName()
                        + " failed (exit " + code + "); no cache written");
                return 1;
            }
            spec.commandLine().getOut().printf("kmlab aot: wrote %s (%.1f s, options %s)%n", target,
                    (System.nanoTime() - t0) / 1e9, options);
        }
        return 0;
    }
}
