package kmlab.runs;

import java.util.List;

/**
 * What became of a run: its status and what was measured, each measurement null where the run did
 * not produce it (a failed run; a peer that does not time a phase; the jmh engine's RSS).
 *
 * @param wall            seconds around the whole process (cli), the median timed job ({@code jvm: warm}),
 *                        or the JMH fork (engine jmh)
 * @param wallIterations  each timed job's seconds ({@code jvm: warm}), else null
 * @param rssSampled      the highest resident set seen by polling the child (the writeup's figure); null for
 *                        a child that ended before the first poll
 * @param cpuSampled      user + system CPU seconds at the last poll
 * @param rssRusage       the kernel's peak resident set of the finished child and the descendants it reaped
 *                        ({@code wait4}'s ru_maxrss, in bytes), null where the runner could not ask (its
 *                        ProcessBuilder fallback, engine jmh, folders written before it existed) and where
 *                        it is not above the runner's own peak (Linux charges a spawned child that too)
 * @param cpuRusage       the same record's user + system CPU seconds, null where the runner could not ask
 * @param signal          the signal that killed the child (e.g. SIGKILL), null where it exited or was timed out
 * @param child           what the child's JSON summary says of itself, or null (no summary: failed, engine jmh)
 * @param kernelSeconds   the median measurement iteration of a JMH benchmark (engine jmh)
 * @param stderrTail      the end of the child's error output (or why it did not run), where the run is not ok
 */
public record RunOutcome(Status status, Integer exitCode, Double wall, List<Double> wallIterations, Long rssSampled,
                         Double cpuSampled, Long rssRusage, Double cpuRusage, String signal, Child child,
                         Double kernelSeconds, List<Double> kernelIterations,
                         String stderrTail) {

    /** How a run ended. */
    public enum Status {
        OK, FAILED, TIMEOUT, OOM,
        /** Did not start: its peer is not installed here (not a failure; a resume after installing it runs it). */
        SKIPPED;

        public String label() {
            return kmlab.util.Labels.of(this);
        }

        public static Status parse(String s) {
            return kmlab.util.Labels.parse(Status.class, s, "status");
        }
    }

    /**
     * The child's summary of itself (fit's {@code --json}, and every peer's).
     *
     * @param rssExact   the peak resident set the child reports, or null (a peer that does not know it)
     * @param fits       every fit, in k order
     * @param relaunched fit started a second JVM, with the Vector API module (the sampled RSS is the first one's)
     */
    public record Child(Long rssExact, Double cpu, Phases phases, List<FitRecord> fits, Double ari, boolean relaunched) {
    }

    /** The child's phases ({@code phases_s} of fit's JSON): from JVM start to main, set-up, read, fit, write. */
    public record Phases(Double start, Double setup, Double read, Double fit, Double write) {
        public static final Phases NONE = new Phases(null, null, null, null, null);
    }

    /**
     * One fit of the child's summary.
     *
     * @param seedSeconds  null where the program does not time its seeding apart (then in lloydSeconds)
     * @param kernel        the kernel that ran it (kmlab's fit), else null
     * @param threads       the threads that ran it (kmlab's fit), else null
     * @param algorithm     the algorithm that ran it (kmlab's fit, from folders with the algorithm axis), else null
     * @param distances     point-centre distances evaluated by the fit, its seeding included (as ELKI
     *                      counts them), or null where the program does not count them
     * @param seedDistances the seeding's part of {@code distances}, or null
     */
    public record FitRecord(int k, int iterations, Boolean converged, double inertia, Double seedSeconds,
                            Double lloydSeconds, String kernel, Integer threads, String algorithm,
                            Long distances, Long seedDistances) {
    }

    /** A run that never started: its status and why, in the place of a child's stderr. */
    public static RunOutcome notRun(Status status, String why) {
        return new RunOutcome(status, null, null, null, null, null, null, null, null, null, null, null, why);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** Iterations over all fits, or null without a summary. */
    public Integer iterations() {
        return child == null ? null : child.fits().stream().mapToInt(FitRecord::iterations).sum();
    }

    /** Distance computations over all fits, or null where a fit did not count them (or without a summary). */
    public Long distances() {
        if (child == null || child.fits().isEmpty() || child.fits().stream().anyMatch(f -> f.distances() == null)) {
            return null;
        }
        return child.fits().stream().mapToLong(FitRecord::distances).sum();
    }

    /** The last fit's inertia (k_max's), NaN where there was no fit, null without a summary. */
    public Double inertiaAtKMax() {
        return child == null ? null : child.fits().isEmpty() ? Double.NaN : child.fits().getLast().inertia();
    }
}
