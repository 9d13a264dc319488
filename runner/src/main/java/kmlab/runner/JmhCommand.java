package kmlab.runner;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "jmh", mixinStandardHelpOptions = false,
        description = {"Runs the JMH kernel benchmarks shipped in this jar; every argument goes to JMH.",
            "Examples:",
            "  kmlab jmh -l                                   list the benchmarks",
            "  kmlab jmh KernelBench.assign -p kernel=gemm -p layout=rows -p n=262144 -p d=32 -p k=32",
            "  kmlab jmh KernelBench.assign -p threads=1,2 -rf json -rff out.json",
            "  kmlab jmh -h                                   JMH's own options",
            "Parameters: layout (columns,rows,boxed) kernel (scalar,simd,gemm) precision",
            "(double,float; float with simd and gemm) threads n d k chunk (0 = automatic)."})
final class JmhCommand implements Callable<Integer> {
    /** Everything, in order: picocli matches nothing here, JMH parses it all. */
    @Unmatched
    List<String> args = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }
}
