package kmlab.grid;

import java.nio.file.Path;
import java.util.List;
import kmlab.data.Layout;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;

/**
 * A grid file, read and checked: what to generate, which fits to run, which implementations to
 * compare, how often and how to measure. {@link Plan} expands it into runs.
 *
 * @param timeoutSeconds per run, after which the run is killed and recorded as timed out
 * @param rssPollMillis  how often the parent samples the child's resident memory (the writeup's 10 ms)
 */
public record Grid(Path source, String name, Engine engine, int repeats, long seed, double timeoutSeconds,
                   int rssPollMillis, Data data, Fits fits, List<Implementation> implementations, Jmh jmh) {

    /** How a run is measured. */
    public enum Engine {
        /** A fresh JVM per run, end to end (the writeup's method). */
        CLI,
        /** Steady-state JMH kernel timing. */
        JMH
    }

    /** Gaussian blobs: every combination of rows, features and true clusters (empty = k_max). */
    public record Data(List<Integer> rows, List<Integer> features, List<Integer> clusters) {
    }

    /** The fits of one run: every mode and k_max combination. */
    public record Fits(List<Workload> modes, List<Integer> kMax) {
    }

    /**
     * How the jmh engine times each cell: which {@code KernelBench} benchmarks, and JMH's warm-up
     * and measurement iterations. Every repeat is one JMH fork (a fresh JVM), run as its own run.
     */
    public record Jmh(List<String> benchmarks, int warmupIterations, int iterations, double iterationSeconds) {
        public static final List<String> BENCHMARKS = List.of("assign", "seed", "fit");
        public static final Jmh DEFAULT = new Jmh(List.of("assign"), 5, 5, 1.0);
    }

    /**
     * How a kmlab implementation's JVM runs each job (engine cli): {@code cold} a fresh JVM (the
     * writeup's method); {@code aot} a fresh JVM with the JDK's AOT cache of runner.jar, trained
     * before the grid's first run; {@code warm} the whole job (read, fit, write) timed single-shot
     * by JMH in one JVM that has already run it {@link #WARM_UP_JOBS} times.
     */
    public enum Jvm {
        COLD, AOT, WARM;

        /** Jobs a warm run does before those it times, and the jobs it times (the row: their median). */
        public static final int WARM_UP_JOBS = 5;
        public static final int WARM_TIMED_JOBS = 5;

        public String label() {
            return kmlab.util.Labels.of(this);
        }
    }

    /**
     * One implementation under test: kmlab's own (a named combination of layout, kernel, precision,
     * k-means++ seeding, threads, JVM options and JVM regime) or a peer (another program under fit's
     * contract; layout, kernel, precision and seeding are then null, JVM options empty unless it is a
     * Java peer, and the regime cold).
     *
     * @param peer the peer, or null for kmlab's own {@code fit}
     */
    public record Implementation(String name, Peer peer, Layout layout, KernelChoice kernel, Precision precision,
                                 Seeding seeding, ThreadsChoice threads, List<String> jvmOptions, Jvm jvm) {
        public static Implementation kmlab(String name, Layout layout, KernelChoice kernel, Precision precision,
                                           Seeding seeding, ThreadsChoice threads, List<String> jvmOptions, Jvm jvm) {
            return new Implementation(name, null, layout, kernel, precision, seeding, threads, jvmOptions, jvm);
        }

        public static Implementation peer(String name, Peer peer, int threads, List<String> jvmOptions) {
            return new Implementation(name, peer, null, null, null, null, ThreadsChoice.of(threads), jvmOptions,
                    Jvm.COLD);
        }

        /** Whether this implementation runs one thread for every fit (the serial twin of a crossover). */
        public boolean serial() {
            return threads.count() == 1;
        }

        public boolean isPeer() {
            return peer != null;
        }
    }
}
