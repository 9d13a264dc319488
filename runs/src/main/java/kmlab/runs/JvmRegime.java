package kmlab.runs;

/**
 * How a kmlab implementation's JVM runs each job (engine cli): {@code cold} a fresh JVM (the
 * writeup's method); {@code aot} a fresh JVM with the JDK's AOT cache of runner.jar, trained
 * before the grid's first run; {@code warm} the whole job (read, fit, write) timed single-shot
 * by JMH in one JVM that has already run it {@link #WARM_UP_JOBS} times.
 */
public enum JvmRegime {
    COLD, AOT, WARM;

    /** Jobs a warm run does before those it times, and the jobs it times (the row: their median). */
    public static final int WARM_UP_JOBS = 5;
    public static final int WARM_TIMED_JOBS = 5;

    public String label() {
        return kmlab.util.Labels.of(this);
    }
}
