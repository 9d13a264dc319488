package kmlab.bench;

import java.util.concurrent.TimeUnit;
import kmlab.fit.FitResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels at steady state. {@code assign}: one Lloyd assignment pass (argmin fused with the
 * update's partial sums) over n rows and k centres: 2 n k d flops. {@code seed}: one whole k-means++
 * seeding. {@code fit}: one fit at k (seeding plus Lloyd to convergence). One fork per benchmark and
 * parameter set: vector kernels compiled side by side in one JVM were seen to fall back to boxing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {KernelBench.VECTOR_MODULE, KernelBench.HEAP})
public class KernelBench {
    /** Every fork needs the incubator module; the heap is fixed so that forks compare alike. */
    public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    public static final String HEAP = "-Xmx8g";

    @Benchmark
    public int assign(KernelState s) {
        return s.pass.run(s.centres, s.labels).changed;
    }

    @Benchmark
    public double[] seed(KernelState s) {
        return s.kmeans.seed(s.k, 7);
    }

    @Benchmark
    public FitResult fit(KernelState s) {
        return s.kmeans.fit(s.k, 7);
    }
}
