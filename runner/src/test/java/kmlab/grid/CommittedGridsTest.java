package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kmlab.runs.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed grid plans the runs it planned when its plan was recorded
 * (src/test/resources/plans/GRID.txt: the number of runs, a SHA-256 of every run's key and the
 * arguments its child gets, and those arguments for each implementation's first run), so that a
 * change to the schema's defaults cannot silently change what a committed grid measures. A grid
 * added or changed on purpose records its plan anew: run with -Dkmlab.recordPlans=true.
 */
class CommittedGridsTest {
    static final Path GRIDS = Path.of("../grids");
    static final Path PLANS = Path.of("src/test/resources/plans");

    static Stream<Path> grids() throws IOException {
        try (Stream<Path> s = Files.list(GRIDS)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** One line per run: its key and what its child would be given (data and output as placeholders). */
    static String describe(Plan plan) {
        PeerPrograms peers = new PeerPrograms(Path.of("/ROOT"), java.util.Map.of());
        StringBuilder sb = new StringBuilder();
        for (RunSpec run : plan.runs()) {
            List<String> cmd = new ArrayList<>(run.isPeer()
                    ? peers.command(run, Path.of("DATA"), Path.of("OUT"), plan.grid().seed())
                    : ChildRun.command(run, Path.of("DATA"), Path.of("OUT"), plan.grid().seed(), Path.of("/AOT/runner.jar")));
            cmd.set(0, "JAVA_OR_PROGRAM");
            cmd.replaceAll(a -> a.equals(System.getProperty("java.class.path")) ? "CLASSPATH" : a);
            sb.append(run.key()).append(run.benchmark() == null ? "" : " [" + run.benchmark() + "]")
                    .append(" : ").append(String.join(" ", cmd)).append('\n');
        }
        return sb.toString();
    }

    /** The run count, the digest of the whole description, and each implementation's first line. */
    static String summary(Plan plan, String description) throws Exception {
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                .digest(description.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("runs: " + plan.runs().size() + "\nsha256: "
                + java.util.HexFormat.of().formatHex(sha) + "\n");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : description.split("\n")) {
            String impl = line.substring(line.lastIndexOf('/', line.indexOf(" : ")) + 1, line.indexOf(" : "));
            if (seen.add(impl)) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void plansTheRunsItPlannedBefore(Path grid) throws Exception {
        String name = grid.getFileName().toString().replace(".yaml", ".txt");
        Plan plan = Plan.of(GridLoader.load(grid));
        String now = summary(plan, describe(plan));
        Path recorded = PLANS.resolve(name);
        if (Boolean.getBoolean("kmlab.recordPlans")) {
            Files.writeString(recorded, now);
        }
        assertTrue(Files.isRegularFile(recorded), "no recorded plan for " + grid + " (record it: -Dkmlab.recordPlans=true)");
        assertEquals(Files.readString(recorded), now, grid + " plans other runs than recorded");
    }

    /** The grids the README's answer is drawn from: enough repeats for every interval and n* they feed. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"full", "threads", "layouts", "crossover", "crossover-jmh",
        "algorithms", "top-cell", "fixed-costs"})
    void aGridOfTheAnswerHasEnoughRepeats(String name) throws Exception {
        Grid g = GridLoader.load(GRIDS.resolve(name + ".yaml"));
        assertTrue(g.repeats() >= kmlab.analysis.Stats.MIN_REPEATS, name + ": " + g.repeats() + " repeats");
    }
}
