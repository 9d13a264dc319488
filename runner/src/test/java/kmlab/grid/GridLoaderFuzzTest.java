package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import kmlab.data.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid loader fuzzed, seeded and bounded: thousands of mutants ({@link Mutator}) of the
 * committed grids, each loaded. Every mutant is a grid, or refused with a one-line GridException
 * naming the file (and its line and column where there is one); no other exception escapes, and
 * nothing hangs.
 */
class GridLoaderFuzzTest {
    private static final long SEED = 20_261_202L;
    private static final int MAX_CASES = 20_000;
    private static final Duration BUDGET = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void mutantsLoadOrAreRefusedInOneLineNamingTheFile() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (Path g : CommittedGridsTest.grids().toList()) {
            corpus.add(Files.readAllBytes(g));
        }
        Path p = dir.resolve("case.yaml");
        Pattern oneLine = Pattern.compile(Pattern.quote(p.toString()) + "(:[1-9][0-9]*:[1-9][0-9]*)?: [^\\p{Cntrl}\u2028\u2029]+");
        // YAML 1.1's odd scalars and structure: floats Java cannot parse, bases, nulls, aliases, tags
        Mutator m = new Mutator(SEED, List.of(".inf", "-.Inf", ".NaN", "1:30.5", "1:30", "0x1F", "0o17", "0b101", "~",
                "null", "[]", "{}", "yes", "off", "''", "1e999", "9223372036854775808", "-0", "1_000", "&a x", "*a",
                "!!str", "!!binary", "!x", "<<: *a", "? [a]", "- -", "\"\\u0000\"", "k_max", "n", "peer", "sklearn"));
        int[] loaded = {0};
        int cases = assertTimeoutPreemptively(BUDGET.multipliedBy(3), () -> {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int n = 0;
            for (; n < MAX_CASES && System.nanoTime() < deadline; n++) {
                byte[] input = m.mutate(corpus.get(m.random().nextInt(corpus.size())));
                Files.write(p, input);
                try {
                    GridLoader.load(p);
                    loaded[0]++;
                } catch (GridException e) {
                    if (!oneLine.matcher(e.getMessage()).matches()) {
                        fail("not one line naming the file: " + e.getMessage() + "\n" + what(n, m, input));
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError(e + "\n" + what(n, m, input), e);
                }
            }
            return n;
        });
        assertTrue(cases >= 1_000, "only " + cases + " cases in " + BUDGET);
        assertTrue(loaded[0] > 0 && loaded[0] < cases, loaded[0] + " of " + cases + " loaded: mutants of both kinds");
    }

    private static String what(int n, Mutator m, byte[] input) {
        return "case " + n + " (seed " + SEED + ", " + m.edits() + "):\n" + new String(input, StandardCharsets.UTF_8);
    }
}
