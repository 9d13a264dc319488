package kmlab.grid;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kmlab.runs.RunRecord;

/**
 * A grid run stopped by SIGINT or SIGTERM (the JVM runs its shutdown hooks on both, then exits 130
 * or 143): the hook stops the results log first, so no record is appended after it started, then
 * kills every process below the runner (the run's child and the child's children) until the main
 * thread has seen the stop and parked, says in one line what was lost and how to go on, and lets
 * the JVM exit. The run in progress is recorded neither as ok nor as failed: a resume runs it.
 */
final class Interruption {
    /** How long the hook waits for the main thread to see the stop: a child killed ends at once. */
    private static final long MAIN_WAIT_MILLIS = 5_000;
    /**
     * How long a child that died of SIGINT or SIGTERM is kept unrecorded while the runner's own hook
     * may still be coming: a terminal's Ctrl-C reaches the whole process group, and the child may die
     * of it before the runner's JVM has started its hook.
     */
    private static final long SIGNALLED_CHILD_WAIT_MILLIS = 2_000;

    private final ResultsLog log;
    private final PrintWriter progress;
    private final String resume;
    private final Runnable cleanup;
    private final Thread hook = new Thread(this::stop, "kmlab-interrupted");
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch parked = new CountDownLatch(1);
    private volatile String running;

    /**
     * Installs the hook for a grid run writing into {@code log}; {@code resume} is the command that
     * continues it, {@code cleanup} what the hook does once every child is dead (the scratch folder).
     */
    Interruption(ResultsLog log, PrintWriter progress, String resume, Runnable cleanup) {
        this.log = log;
        this.progress = progress;
        this.resume = resume;
        this.cleanup = cleanup;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run about to start; parks the main thread for good instead when the grid is being stopped. */
    void starting(String key) {
        if (started.getCount() == 0) {
            park();
        }
        running = key;
    }

    /**
     * Appends the run's record, unless the stop has begun (the log refuses it), or the child died of
     * SIGINT or SIGTERM and this runner's own stop follows: then the main thread parks instead.
     */
    void record(RunRecord row) throws IOException, InterruptedException {
        Integer exit = row.outcome().exitCode();
        boolean signalled = exit != null && (exit == 128 + 1 || exit == 128 + 2 || exit == 128 + 15);
        if (signalled && started.await(SIGNALLED_CHILD_WAIT_MILLIS, TimeUnit.MILLISECONDS) || !log.append(row)) {
            park();
        }
        running = null;
    }

    /** The hook, for a test to run it as the JVM would. */
    Thread hook() {
        return hook;
    }

    /** The grid ended by itself: no hook any more (or, if it has started, the main thread's end). */
    void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            park(); // the JVM is exiting: everything is recorded, nothing more may run
        }
    }

    /** The main thread's end once the grid is being stopped: the JVM halts when the hook returns. */
    private void park() {
        parked.countDown();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // stay parked: nothing may run after the stop
            }
        }
    }

    private void stop() {
        log.stop();
        started.countDown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAIN_WAIT_MILLIS);
        try {
            // again and again until the main thread has parked: it may have started a child just now
            do {
                killDescendants();
            } while (!parked.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killDescendants();
        cleanup.run();
        String key = running;
        progress.println("kmlab run: interrupted; " + (key == null ? "no run was in progress"
                : "run " + key + " was stopped and is not recorded") + "; " + resume + " runs what is missing");
        progress.flush();
    }

    /**
     * Kills every process below this one and waits for them to end. The tree is listed before any is
     * killed: a killed child's own children are handed to init, and would not be listed after.
     */
    private static void killDescendants() {
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already, or not ours to wait for: it was sent SIGKILL
            }
        }
    }
}
