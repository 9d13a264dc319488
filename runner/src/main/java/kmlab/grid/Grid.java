package kmlab.grid;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kmlab.runs.Axes;
import kmlab.runs.Axis;
import kmlab.runs.AxisValues;
import kmlab.runs.Engine;

/**
 * A grid file, read and checked: what to generate, which fits to run, which implementations to
 * compare, how often and how to measure. {@link Plan} expands it into runs.
 *
 * @param alternatives   the values of each data and fits axis the grid gives (every combination is a cell);
 *                       an axis it does not give has one value in each cell (see {@link Plan})
 * @param timeoutSeconds per run, after which the run is killed and recorded as timed out
 * @param rssPollMillis  how often the parent samples the child's resident memory (the writeup's 10 ms)
 */
public record Grid(Path source, String name, Engine engine, int repeats, long seed, double timeoutSeconds,
                   int rssPollMillis, Map<Axis<?>, List<?>> alternatives, List<Implementation> implementations,
                   Jmh jmh) {

    /** The alternatives of an axis the grid gives, or null. */
    @SuppressWarnings("unchecked")
    public <T> List<T> alternatives(Axis<T> axis) {
        return (List<T>) alternatives.get(axis);
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
     * One implementation under test: kmlab's own {@code fit} (a value for every implementation
     * axis: layout, kernel, precision, seeding, threads, JVM regime and options) or a peer (another
     * program under fit's contract; then layout, kernel, precision, seeding and regime are null, and
     * the JVM options empty unless it is a Java peer).
     */
    public record Implementation(String name, AxisValues axes) {
        public <T> T get(Axis<T> axis) {
            return axes.get(axis);
        }

        public boolean isPeer() {
            return axes.get(Axes.PEER) != null;
        }
    }
}
