package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block reader against the serial one: the same dataset bitwise, or the same error, whatever the
 * block size and thread count. Small blocks (down to one byte) put block boundaries inside every
 * kind of line, cell and terminator, and force the block path on small files.
 */
class CsvBlocksTest {
    private static final int[] BLOCK_BYTES = {1, 2, 3, 5, 8, 13, 31, 64, 256};

    @TempDir
    Path dir;

    private static Workers three;

    @BeforeAll
    static void pool() {
        three = Workers.of(3);
    }

    @AfterAll
    static void close() {
        three.close();
    }

    /** A read's result, or its error message. */
    record Outcome(Dataset ds, String error) {
    }

    @FunctionalInterface
    private interface Read {
        Dataset get() throws InputException;
    }

    private static Outcome outcome(Read read) {
        try {
            return new Outcome(read.get(), null);
        } catch (InputException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** Reads {@code p} both ways and asserts the same outcome; returns it. */
    static Outcome assertSameRead(Path p, Layout layout, Workers workers, int blockBytes) throws IOException {
        Outcome serial = outcome(() -> CsvReader.read(p, layout));
        Outcome blocks = outcome(() -> CsvReader.readInBlocks(p, layout, workers, blockBytes));
        // the bytes as text, any of them: a fuzzed file need not be UTF-8
        String content = Files.size(p) < 10_000 ? ":\n" + new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
        String what = p.getFileName() + " " + layout + " in blocks of " + blockBytes + content;
        assertEquals(serial.error, blocks.error, what);
        if (serial.error == null) {
            assertSameDataset(serial.ds, blocks.ds, what);
        }
        return blocks;
    }

    private static void assertSameDataset(Dataset a, Dataset b, String what) {
        assertEquals(a.header(), b.header(), what);
        assertArrayEquals(a.ids(), b.ids(), what);
        assertArrayEquals(a.labels(), b.labels(), what);
        assertEquals(a.x().getClass(), b.x().getClass(), what);
        assertEquals(a.n(), b.n(), what);
        assertEquals(a.d(), b.d(), what);
        for (int i = 0; i < a.n(); i++) {
            for (int j = 0; j < a.d(); j++) {
                int row = i;
                int feature = j;
                assertEquals(Double.doubleToRawLongBits(a.x().get(i, j)), Double.doubleToRawLongBits(b.x().get(i, j)),
                        () -> what + "\nrow " + row + " feature " + feature);
            }
        }
        if (a.x() instanceof BoxedMatrix ba) {
            BoxedMatrix bb = (BoxedMatrix) b.x();
            for (int i = 0; i < a.n(); i++) {
                assertEquals(ba.points().get(i).id(), bb.points().get(i).id(), what);
            }
        }
        if (a.x() instanceof ColumnMatrix ca) {
            assertEquals(ca.stride(), ((ColumnMatrix) b.x()).stride(), what);
        }
    }

    private static final String[] GOOD_NUMBERS = {"0", "-0", "1", "-17", "3.25", "-0.000001", ".5", "5.", "1e3",
        "-2.5E-3", "6.02214076e23", "123456789012345678901.5", "0.1000000000000000055511151231257827",
        "4.9e-324", "1.7976931348623157e308", "007.50"};
    private static final String[] BAD_NUMBERS = {"abc", "NaN", "", "1d", "Infinity", "1e999", " 1", "1,5", "--1",
        "\"3", "\"3\"4", "3\""};
    private static final String[] BAD_LABELS = {"x", "", "1.5", "99999999999", "\"2", "-"};

    /**
     * A random CSV of n rows and d features: an id and a label column maybe, anywhere, in any case; LF,
     * CRLF or both; a BOM maybe; the last line terminated or not; trailing blank lines maybe; RFC 4180
     * quoting maybe (ids with commas and doubled quotes, quoted numbers, labels and header names).
     * When {@code dirty}, a few of: a bad cell, a bad label, a badly quoted id or header, a ragged row,
     * a blank line inside, a header column without a name or twice.
     */
    private static String randomCsv(Random r, boolean dirty) {
        int d = 1 + r.nextInt(5);
        int n = r.nextInt(40) == 0 ? 0 : r.nextInt(80);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add(r.nextInt(6) == 0 ? " x" + j + " " : "x" + j);
        }
        if (r.nextBoolean()) {
            names.add(r.nextInt(names.size() + 1), r.nextBoolean() ? "id" : "ID");
        }
        if (r.nextBoolean()) {
            names.add(r.nextInt(names.size() + 1), r.nextBoolean() ? "label" : "Label");
        }
        int endings = r.nextInt(3); // LF, CRLF, both
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(5) == 0) {
            sb.append('\uFEFF');
        }
        List<String> header = new ArrayList<>(names);
        if (dirty && r.nextInt(12) == 0) {
            header.set(r.nextInt(header.size()), switch (r.nextInt(3)) {
                case 0 -> r.nextBoolean() ? "\"q" : "\"q\"x";
                case 1 -> " ";
                default -> header.get(0).strip().toUpperCase();
            });
        }
        for (int c = 0; c < header.size(); c++) {
            if (r.nextInt(8) == 0 && !header.get(c).contains("\"")) {
                header.set(c, "\"" + header.get(c) + "\"");
            }
        }
        sb.append(String.join(",", header));
        int faults = dirty ? 1 + r.nextInt(3) : 0;
        List<Integer> faultRows = new ArrayList<>();
        for (int f = 0; f < faults && n > 0; f++) {
            faultRows.add(r.nextInt(n));
        }
        for (int i = 0; i < n; i++) {
            sb.append(ending(r, endings));
            if (faultRows.contains(i) && r.nextInt(4) == 0) {
                sb.append(ending(r, endings)); // a blank line inside (an error if a row follows)
            }
            boolean fault = faultRows.contains(i);
            List<String> cells = new ArrayList<>();
            for (String name : names) {
                String h = name.strip().toLowerCase();
                if (h.equals("id")) {
                    cells.add(fault && r.nextInt(4) == 0 ? (r.nextBoolean() ? "\"r" + i : "\"r" + i + "\"x")
                            : r.nextInt(4) == 0 ? "\"r," + i + " \"\"q\"\"\"" : "r" + i + (r.nextBoolean() ? "" : "é"));
                } else if (h.equals("label")) {
                    cells.add(fault && r.nextInt(4) == 0 ? BAD_LABELS[r.nextInt(BAD_LABELS.length)]
                            : Integer.toString(r.nextInt(7) - 1));
                } else if (fault && r.nextInt(3) == 0) {
                    cells.add(BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)]);
                } else {
                    String v = r.nextInt(3) == 0 ? GOOD_NUMBERS[r.nextInt(GOOD_NUMBERS.length)]
                            : String.format(java.util.Locale.ROOT, "%.6f", r.nextGaussian() * 10);
                    cells.add(r.nextInt(10) == 0 ? "\"" + v + "\"" : v);
                }
            }
            if (fault && r.nextInt(5) == 0) {
                if (r.nextBoolean() && cells.size() > 1) {
                    cells.remove(cells.size() - 1);
                } else {
                    cells.add("9");
                }
            }
            sb.append(String.join(",", cells));
        }
        if (r.nextInt(4) != 0) {
            sb.append(ending(r, endings));
        }
        for (int b = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0; b > 0; b--) {
            sb.append(ending(r, endings)); // trailing blank lines
        }
        return sb.toString();
    }

    private static String ending(Random r, int endings) {
        return switch (endings) {
            case 0 -> "\n";
            case 1 -> "\r\n";
            default -> r.nextBoolean() ? "\n" : "\r\n";
        };
    }

    @Test
    void randomFilesReadTheSameInBlocks() throws IOException {
        Random r = new Random(14);
        int errors = 0;
        for (int f = 0; f < 600; f++) {
            Path p = dir.resolve("r" + f + ".csv");
            Files.writeString(p, randomCsv(r, r.nextBoolean()), StandardCharsets.UTF_8);
            Layout layout = Layout.values()[r.nextInt(3)];
            int blockBytes = BLOCK_BYTES[r.nextInt(BLOCK_BYTES.length)];
            errors += assertSameRead(p, layout, three, blockBytes).error != null ? 1 : 0;
        }
        assertTrue(errors > 150 && errors < 450, errors + " of the files are bad: both kinds are compared");
    }

    @Test
    void aLargerFileReadsTheSameOnAnyThreadCount() throws IOException {
        Path p = dir.resolve("blobs.csv");
        Blobs.write(p, 5_000, 7, 4, 3);
        for (int threads : new int[] {2, 3, 5}) {
            try (Workers w = Workers.of(threads)) {
                for (Layout layout : Layout.values()) {
                    assertNull(assertSameRead(p, layout, w, 4096).error);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kmlab.data.CsvTest#badFiles")
    void everyBadInputGivesTheSameErrorInBlocks(String what, String content, String where, String problem)
            throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, content);
        for (int blockBytes : new int[] {1, 2, 3}) {
            InputException e = assertThrows(InputException.class, () -> CsvReader.readInBlocks(p, Layout.ROWS, three, blockBytes));
            assertTrue(e.getMessage().startsWith(p + where), e.getMessage());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
            for (Layout layout : Layout.values()) {
                assertSameRead(p, layout, three, blockBytes);
            }
        }
    }

    @Test
    void filesBelowTheThresholdOrOneThreadStayOnTheCallersThread() {
        long from = CsvReader.PARALLEL_FROM;
        assertTrue(CsvReader.inBlocks(from, three, from));
        assertFalse(CsvReader.inBlocks(from - 1, three, from), "a small file");
        try (Workers one = Workers.of(1)) {
            assertFalse(CsvReader.inBlocks(1L << 40, one, from), "one thread");
        }
        assertFalse(CsvReader.inBlocks(1L << 40, null, from), "no pool");
        assertTrue(CsvReader.inBlocks(0, three, 0), "the tests' blocks whatever the size");
    }

    @Test
    void missingFileInBlocks() {
        Path p = dir.resolve("nope.csv");
        InputException e = assertThrows(InputException.class, () -> CsvReader.readInBlocks(p, Layout.ROWS, three, 1));
        assertEquals(p + ": no such file", e.getMessage());
    }

    /** 2,000 rows; the given lines (2 = the first row) replaced by their text. */
    private Path withLines(String name, String... lineAndText) throws IOException {
        List<String> lines = new ArrayList<>(Collections.nCopies(2_001, null));
        lines.set(0, "id,a,b,label");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, "r" + i + "," + i + ".5," + (-i) + "," + i % 3);
        }
        for (int k = 0; k < lineAndText.length; k += 2) {
            lines.set(Integer.parseInt(lineAndText[k]) - 1, lineAndText[k + 1]);
        }
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void theFirstErrorInFileOrderWinsAcrossBlocks() throws IOException {
        // errors in many blocks, the last ones small blocks finish first
        Path p = withLines("many.csv", "1900", "r,1,2,3,4", "802", "r,x,2,1", "1500", "r,1,2,bad", "2001", "\"q\",1,2,0");
        for (int blockBytes : new int[] {16, 64, 1000}) {
            for (int run = 0; run < 5; run++) {
                InputException e = assertThrows(InputException.class, () -> CsvReader.readInBlocks(p, Layout.ROWS, three, blockBytes));
                assertEquals(p + ":802: column 2 (a): 'x' is not a finite number", e.getMessage());
            }
        }
    }

    @Test
    void anEmptyLineIsAnErrorWhereTheSerialReaderSaysSo() throws IOException {
        Path blankFirst = withLines("blank-first.csv", "5", "", "1700", "r,x,2,1");
        Path rowFirst = withLines("row-first.csv", "3", "r,1,2", "1700", "");
        Path blankThenBad = withLines("blank-then-bad.csv", "900", "\r", "901", "r,1,2,x");
        Path blankNearTheEnd = withLines("blank-near-the-end.csv", "1999", ""); // its rows after it in its block
        Path trailing = dir.resolve("trailing.csv");
        Files.writeString(trailing, Files.readString(withLines("t.csv")) + "\n\r\n\n");
        for (int blockBytes : new int[] {1, 16, 300, 4096}) {
            assertEquals(blankFirst + ":5: empty line", assertSameRead(blankFirst, Layout.ROWS, three, blockBytes).error);
            assertEquals(rowFirst + ":3: expected 4 fields, found 3",
                    assertSameRead(rowFirst, Layout.COLUMNS, three, blockBytes).error);
            assertEquals(blankThenBad + ":900: empty line",
                    assertSameRead(blankThenBad, Layout.BOXED, three, blockBytes).error);
            assertEquals(blankNearTheEnd + ":1999: empty line",
                    assertSameRead(blankNearTheEnd, Layout.ROWS, three, blockBytes).error);
            Outcome ok = assertSameRead(trailing, Layout.ROWS, three, blockBytes);
            assertNull(ok.error);
            assertEquals(2_000, ok.ds.n());
        }
    }

    @Test
    void linesLongerThanABlockAndTheHeaderAlone() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 3_000; j++) {
            sb.append(j == 0 ? "" : ",").append("c").append(j);
        }
        for (int r = 0; r < 5; r++) {
            sb.append(r == 2 ? "\r\n" : "\n");
            for (int j = 0; j < 3_000; j++) {
                sb.append(j == 0 ? "" : ",").append(r * 1.5 + j);
            }
        }
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, sb.toString());
        for (int blockBytes : new int[] {7, 1_000, 20_000}) {
            assertEquals(5, assertSameRead(wide, Layout.COLUMNS, three, blockBytes).ds.n());
        }
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "\uFEFFa,b\r\n\r\n");
        assertEquals(headerOnly + ": no data rows after the header", assertSameRead(headerOnly, Layout.ROWS, three, 1).error);
    }

    /** A column of n labels in 0..max. */
    private static LabelColumn labels(Random r, int n, int max) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(4) == 0 ? max : (int) r.nextLong(max + 1L);
        }
        return LabelColumn.of(v);
    }

    @Test
    void theWriterWritesTheSameBytesOnAnyThreadCount() throws IOException, InputException {
        Random r = new Random(41);
        int[] maxima = {0, 1, 9, 255, 256, 65_535, 65_536, Integer.MAX_VALUE};
        int written = 0;
        try (Workers two = Workers.of(2); Workers five = Workers.of(5)) {
            for (int f = 0; f < 150; f++) {
                Path in = dir.resolve("in" + f + ".csv");
                Files.writeString(in, randomCsv(r, false), StandardCharsets.UTF_8);
                Dataset ds;
                try {
                    ds = CsvReader.read(in, Layout.ROWS);
                } catch (InputException e) {
                    continue; // no rows, or a header made bad by chance
                }
                List<String> names = new ArrayList<>();
                List<LabelColumn> columns = new ArrayList<>();
                for (int c = r.nextInt(5); c > 0; c--) {
                    names.add("cluster_k" + (names.size() + 1));
                    columns.add(labels(r, ds.n(), maxima[r.nextInt(maxima.length)]));
                }
                Path serial = dir.resolve("serial" + f + ".csv");
                CsvWriter.appendColumns(in, ds.n(), serial, names, columns);
                byte[] expected = Files.readAllBytes(serial);
                for (Workers w : new Workers[] {two, three, five}) {
                    int blockBytes = BLOCK_BYTES[r.nextInt(BLOCK_BYTES.length)];
                    Path blocks = dir.resolve("blocks" + f + ".csv");
                    CsvWriter.appendInBlocks(in, ds.n(), blocks, names, columns, w, blockBytes);
                    assertArrayEquals(expected, Files.readAllBytes(blocks), in + " in blocks of " + blockBytes);
                }
                written++;
            }
            assertTrue(written > 120, written + " files written");

            Path big = dir.resolve("big.csv");
            Blobs.write(big, 3_000, 5, 3, 8);
            List<LabelColumn> columns = List.of(labels(r, 3_000, 2), labels(r, 3_000, 70_000));
            Path serial = dir.resolve("big-serial.csv");
            CsvWriter.appendColumns(big, 3_000, serial, List.of("a", "b"), columns);
            for (Workers w : new Workers[] {two, three, five}) {
                Path blocks = dir.resolve("big-blocks.csv");
                CsvWriter.appendInBlocks(big, 3_000, blocks, List.of("a", "b"), columns, w, 4096);
                assertArrayEquals(Files.readAllBytes(serial), Files.readAllBytes(blocks));
            }
        }
    }

    /** The serial writer's error for {@code rows} rows of {@code in}, and the block writer's, equal; no output. */
    private void assertSameWriteError(Path in, int rows, int blockBytes) throws IOException {
        Path out = dir.resolve("changed-out.csv");
        List<LabelColumn> column = List.of(LabelColumn.of(new int[rows]));
        InputException serial = assertThrows(InputException.class,
                () -> CsvWriter.appendColumns(in, rows, out, List.of("c"), column));
        InputException blocks = assertThrows(InputException.class,
                () -> CsvWriter.appendInBlocks(in, rows, out, List.of("c"), column, three, blockBytes));
        assertEquals(serial.getMessage(), blocks.getMessage());
        assertTrue(blocks.getMessage().endsWith(": file changed while it was read"), blocks.getMessage());
        assertTrue(Files.notExists(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(),
                    "no temporary file left behind");
        }
    }

    @Test
    void anInputThatChangedBeforeTheWriteIsTheSameErrorInBlocks() throws IOException {
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "x\n1\n2\n\n");
        Path large = withLines("large.csv");
        Path trailing = dir.resolve("trailing.csv");
        Files.writeString(trailing, Files.readString(large) + "\n\r\n");
        for (int blockBytes : new int[] {1, 3, 64}) {
            assertSameWriteError(small, 1, blockBytes); // grew
            assertSameWriteError(small, 3, blockBytes); // shrank
            assertSameWriteError(large, 1_000, blockBytes);
            assertSameWriteError(large, 2_003, blockBytes);
            assertSameWriteError(trailing, 1_999, blockBytes);
            assertSameWriteError(trailing, 2_001, blockBytes);
        }
        assertEquals(large + ":1002: file changed while it was read", assertThrows(InputException.class,
                () -> CsvWriter.appendInBlocks(large, 1_000, dir.resolve("o.csv"), List.of("c"),
                        List.of(LabelColumn.of(new int[1_000])), three, 16)).getMessage());
    }
}
