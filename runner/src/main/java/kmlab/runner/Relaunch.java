package kmlab.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kmlab.kernel.VectorWidth;

/**
 * Runs this command line again in a JVM with the Vector API module, for a {@code fit} that was
 * started without it and turns out to need a vector kernel ({@link kmlab.job.VectorModuleNeeded},
 * raised before anything is read). The same JVM options, with the AOT cache of the module's JVMs in
 * the place of this one's; the same standard streams; its exit code is this process's. The JVM
 * without the module is the cheaper start for the small jobs that run scalar; a larger one pays a
 * second JVM start, which the child's phases show as start to main, and the first JVM stays
 * resident while it waits (both measured in README.md, Fixed costs); the child's summary says
 * {@code "relaunched": true}.
 */
final class Relaunch {
    private Relaunch() {
    }

    static int withVectorModule(String[] args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules=" + VectorWidth.MODULE);
        cmd.addAll(AotCache.ownJvmOptions());
        Path jar = AotCache.jar();
        if (jar != null && AotCache.fresh(AotCache.defaultFor(jar), jar)) {
            cmd.add("-XX:AOTCache=" + AotCache.defaultFor(jar));
        }
        cmd.add("-D" + kmlab.job.JobSummary.RELAUNCHED + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Launch.class.getName());
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        // a parent stopped by a signal (a grid's timeout, Ctrl-C) takes the child with it
        Thread reaper = new Thread(child::destroyForcibly, "kmlab-relaunch-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(reaper);
        return code;
    }
}
