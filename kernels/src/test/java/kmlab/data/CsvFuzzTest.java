package kmlab.data;

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
import kmlab.kernel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The CSV reader fuzzed, seeded and bounded: thousands of mutants ({@link Mutator}) of generated
 * blob files and of the CSV tests' own inputs, each read serially and in blocks (1 to 4,096 bytes,
 * three threads). Every mutant is accepted, with the same dataset both ways, or refused with the
 * same one-line InputException both ways, naming the file (and its line where there is one); no
 * other exception escapes, and nothing hangs.
 */
class CsvFuzzTest {
    private static final long SEED = 20_261_202L;
    private static final int MAX_CASES = 20_000;
    private static final Duration BUDGET = Duration.ofSeconds(15);
    private static final int[] BLOCK_BYTES = {1, 3, 64, 4096};

    @TempDir
    Path dir;

    private List<byte[]> corpus() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (int[] shape : new int[][] {{12, 2, 3}, {30, 3, 4}, {6, 1, 1}}) {
            Path p = dir.resolve("blobs.csv");
            Blobs.write(p, shape[0], shape[1], shape[2], 5);
            corpus.add(Files.readAllBytes(p));
        }
        corpus.add(CsvTest.QUOTED.getBytes(StandardCharsets.UTF_8));
        corpus.add("x,label,id,y\r\n1.5,3,a,-2\r\n0.25,1,b,1e3\r\n".getBytes(StandardCharsets.UTF_8));
        for (Arguments a : CsvTest.badFiles().toList()) {
            corpus.add(((String) a.get()[1]).getBytes(StandardCharsets.UTF_8));
        }
        return corpus;
    }

    @Test
    void mutantsAreReadTheSameBothWaysOrRefusedInOneLineNamingTheFile() throws Exception {
        List<byte[]> corpus = corpus();
        Path p = dir.resolve("case.csv");
        // the file, then a line number or nothing, then the problem; no control character anywhere
        Pattern oneLine = Pattern.compile(Pattern.quote(p.toString()) + "(:[1-9][0-9]*)?: [^\\p{Cntrl}\u2028\u2029]+");
        Mutator m = new Mutator(SEED, List.of("NaN", "-Infinity", "1e999", "4.9e-325", "-0", "0x1p3", "1_000", "1d", "+1",
                ".", "-", "e5", "1e", "\u0661", "\"\"", "\"a,b\"", "\"x\"\"y\"", "id", "label", "ID", "cluster_k1",
                "99999999999", "-2147483648", "\uFEFF"));
        int cases = assertTimeoutPreemptively(BUDGET.multipliedBy(3), () -> {
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int n = 0;
            try (Workers three = Workers.of(3)) {
                for (; n < MAX_CASES && System.nanoTime() < deadline; n++) {
                    byte[] input = m.mutate(corpus.get(m.random().nextInt(corpus.size())));
                    Files.write(p, input);
                    Layout layout = Layout.values()[m.random().nextInt(Layout.values().length)];
                    int blockBytes = BLOCK_BYTES[m.random().nextInt(BLOCK_BYTES.length)];
                    String what = "case " + n + " (seed " + SEED + ", " + m.edits() + "), " + layout + ", blocks of "
                            + blockBytes + ":\n" + new String(input, StandardCharsets.UTF_8);
                    try {
                        CsvBlocksTest.Outcome o = CsvBlocksTest.assertSameRead(p, layout, three, blockBytes);
                        if (o.error() != null && !oneLine.matcher(o.error()).matches()) {
                            fail("not one line naming the file: " + o.error() + "\n" + what);
                        }
                    } catch (RuntimeException e) {
                        throw new AssertionError(e + "\n" + what, e);
                    }
                }
            }
            return n;
        });
        assertTrue(cases >= 1_000, "only " + cases + " cases in " + BUDGET);
    }
}
