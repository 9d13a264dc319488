package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race a terminal's Ctrl-C starts: the signal reaches the child too, which may die of it before
 * the runner's JVM has started its hook. Its record must not be appended once that hook follows,
 * and is appended when none does (a child signalled by someone else).
 */
class InterruptionTest {
    @TempDir
    Path dir;

    private RunRecord diedOfSigint() throws Exception {
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, "name: g\ndata: {n: 300, d: 2}\nfits: {k_max: 3}\nimplementations:\n  - {name: a}\n");
        RunSpec run = Plan.of(GridLoader.load(g)).runs().get(0);
        RunOutcome m = ChildRun.execute(List.of("sh", "-c", "kill -INT $$"), 30, 10,
                Files.createDirectories(dir.resolve("scratch")));
        assertEquals(130, m.exitCode());
        return new RunRecord(run, "m", m);
    }

    @Test
    void aChildDeadOfTheSignalBeforeTheHookIsNotRecordedOnceTheHookFollows() throws Exception {
        RunRecord row = diedOfSigint();
        Path out = Files.createDirectories(dir.resolve("out"));
        StringWriter said = new StringWriter();
        try (ResultsLog log = new ResultsLog(out, false)) {
            Interruption stop = new Interruption(log, new PrintWriter(said, true), "RESUME", () -> { });
            try {
                Thread main = new Thread(() -> {
                    try {
                        stop.record(row);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                main.setDaemon(true); // it parks for good, as the runner's main thread would until the JVM halts
                main.start();
                Thread.sleep(300); // the child's death came first; the hook follows
                stop.hook().run();
                assertTrue(main.isAlive(), "parked");
                assertEquals(0, Files.size(out.resolve("runs.jsonl")), "not recorded");
                assertEquals("kmlab run: interrupted; no run was in progress; RESUME runs what is missing",
                        said.toString().strip());
            } finally {
                stop.remove();
            }
        }
    }

    @Test
    void aChildDeadOfASignalIsRecordedWhenNoStopFollows() throws Exception {
        RunRecord row = diedOfSigint();
        Path out = Files.createDirectories(dir.resolve("out"));
        try (ResultsLog log = new ResultsLog(out, false)) {
            Interruption stop = new Interruption(log, new PrintWriter(new StringWriter()), "RESUME", () -> { });
            try {
                long t0 = System.nanoTime();
                stop.record(row);
                assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(1_900), "after waiting for a stop");
                assertEquals(1, Files.readAllLines(out.resolve("runs.jsonl")).size());
            } finally {
                stop.remove();
            }
        }
    }
}
