package kmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CsvTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void generatedFileReadsBackAsTheSameData(Layout layout) throws Exception {
        Path p = dir.resolve("b.csv");
        Blobs.write(p, 1_234, 3, 4, 77);
        Dataset read = CsvReader.read(p, layout);
        Dataset mem = Blobs.generate(1_234, 3, 4, 77, Layout.ROWS);
        assertEquals(List.of("id", "x0", "x1", "x2", "label"), read.header());
        assertArrayEquals(mem.labels(), read.labels());
        if (layout.boxed()) {
            assertArrayEquals(mem.ids(), read.ids());
            assertEquals("1233", ((BoxedMatrix) read.x()).points().get(1_233).id());
        } else {
            assertNull(read.ids(), "flat layouts keep no ids");
        }
        for (int i = 0; i < mem.n(); i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(mem.x().get(i, j), read.x().get(i, j), 0.0);
            }
        }
    }

    @Test
    void roundTripKeepsColumnsInOrderAndAppendsClusters() throws Exception {
        Path in = file("in.csv", "x,label,id,y\r\n1.5,3,a,-2\r\n0.25,1,b,1e3\r\n");
        Dataset ds = CsvReader.read(in, Layout.BOXED);
        assertEquals(2, ds.d());
        assertArrayEquals(new String[] {"a", "b"}, ds.ids());
        assertArrayEquals(new int[] {3, 1}, ds.labels());
        assertEquals("a", ((BoxedMatrix) ds.x()).points().get(0).id());
        Path out = dir.resolve("out.csv");
        CsvWriter.appendColumns(in, ds.n(), out, List.of("cluster_k1", "cluster_k2"),
                List.of(LabelColumn.of(new int[] {0, 0}), LabelColumn.of(new int[] {1, 10})));
        // the input's text as it was (1e3 stays 1e3), line ends normalised to \n
        assertEquals("x,label,id,y,cluster_k1,cluster_k2\n1.5,3,a,-2,0,1\n0.25,1,b,1e3,0,10\n", Files.readString(out));
        // an earlier fit's labels are never read back as features (issue 16): refused in one line
        InputException again = assertThrows(InputException.class, () -> CsvReader.read(out, Layout.ROWS));
        assertEquals(out + ":1: column 5 (cluster_k1) holds the labels of an earlier fit's output, not a feature:"
                + " cluster the original file, or remove the cluster_k columns first", again.getMessage());
    }

    @Test
    void anInputThatChangedBeforeTheWriteIsAnErrorAndNoOutput() throws Exception {
        Path in = file("in.csv", "x\n1\n2\n\n");
        Path out = dir.resolve("out.csv");
        InputException grew = assertThrows(InputException.class,
                () -> CsvWriter.appendColumns(in, 1, out, List.of("c"), List.of(LabelColumn.of(new int[] {0}))));
        assertTrue(grew.getMessage().contains("file changed while it was read"), grew.getMessage());
        InputException shrank = assertThrows(InputException.class,
                () -> CsvWriter.appendColumns(in, 3, out, List.of("c"),
                        List.of(LabelColumn.of(new int[] {0, 1, 2}))));
        assertTrue(shrank.getMessage().contains("file changed while it was read"), shrank.getMessage());
        IllegalArgumentException shortColumn = assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.appendColumns(in, 2, out, List.of("c"), List.of(LabelColumn.of(new int[] {0}))));
        assertTrue(shortColumn.getMessage().contains("a column has 1 values for 2 rows"), shortColumn.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void withoutIdOrLabelEveryColumnIsAFeature() throws Exception {
        Dataset ds = CsvReader.read(file("f.csv", "a,b\n1,2\n3,4"), Layout.COLUMNS);
        assertEquals(2, ds.n());
        assertNull(ds.ids());
        assertNull(ds.labels());
        assertEquals(4.0, ds.x().get(1, 1), 0.0);
    }

    /** RFC 4180 as pandas and spreadsheets write it: quoted ids and labels, doubled quotes, quoted numbers, CRLF, BOM. */
    static final String QUOTED = "\uFEFF\"id\",\"x, the first\",y,label\r\n"
            + "\"a,1\",1.0,\"2.5\",0\r\n"
            + "\"say \"\"hi\"\"\",-3,4e1,\"1\"\r\n"
            + "plain,\"6\",5,2\r\n"
            + "\"\",7,8,1\r\n";

    /** The quoted file ({@link #QUOTED}) reads as written, in every layout. */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void quotedFieldsAreRead(Layout layout) throws Exception {
        Dataset ds = CsvReader.read(file("q.csv", QUOTED), layout);
        assertEquals(List.of("id", "x, the first", "y", "label"), ds.header());
        assertEquals(4, ds.n());
        assertEquals(2, ds.d());
        double[][] want = {{1.0, 2.5}, {-3, 40}, {6, 5}, {7, 8}};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i][0], ds.x().get(i, 0), 0.0, "row " + i);
            assertEquals(want[i][1], ds.x().get(i, 1), 0.0, "row " + i);
        }
        assertArrayEquals(new int[] {0, 1, 2, 1}, ds.labels());
        if (layout.boxed()) {
            assertArrayEquals(new String[] {"a,1", "say \"hi\"", "plain", ""}, ds.ids());
        }
    }

    @Test
    void trailingBlankLinesAreIgnored() throws Exception {
        assertEquals(2, CsvReader.read(file("t.csv", "a\n1\n2\n\n\n"), Layout.ROWS).n());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty file", "", ":", "empty file"),
                Arguments.of("header only", "a,b\n", ":", "no data rows"),
                Arguments.of("ragged row, short", "a,b\n1,2\n3\n", ":3:", "expected 2 fields, found 1"),
                Arguments.of("ragged row, long", "a,b\n1,2,5,6\n", ":2:", "expected 2 fields, found 4"),
                Arguments.of("non-numeric", "a,b\n1,2\n3,abc\n", ":3:", "column 2 (b): 'abc' is not a finite number"),
                Arguments.of("NaN", "a,b\n1,NaN\n", ":2:", "'NaN' is not a finite number"),
                Arguments.of("Infinity", "a,b\n-Infinity,1\n", ":2:", "is not a finite number"),
                Arguments.of("overflow to infinity", "a\n1e999\n", ":2:", "'1e999' is not a finite number"),
                Arguments.of("empty cell", "a,b\n1,\n", ":2:", "an empty cell is not a finite number"),
                Arguments.of("blank line inside", "a\n1\n\n2\n", ":3:", "empty line"),
                Arguments.of("duplicate column", "a,A\n1,2\n", ":1:", "names column 'A' twice"),
                Arguments.of("no features", "id,label\nx,1\n", ":1:", "no feature columns"),
                Arguments.of("bad label", "a,label\n1,one\n", ":2:", "'one' is not an integer label"),
                Arguments.of("quote not closed", "id,a\n\"x,1\n", ":2:", "column 1 (id): the quoted field does not end on this line"),
                Arguments.of("quote not closed in header", "\"a,b\n1,2\n", ":1:", "header column 1: the quoted field does not end"),
                Arguments.of("text after a closing quote", "id,a\n\"x\"y,1\n", ":2:", "column 1 (id): text after the closing quote"),
                Arguments.of("a quote inside an unquoted id", "id,a\nx\"y,1\n", ":2:", "column 1 (id): a quote inside an unquoted field"),
                Arguments.of("a quoted non-number", "a,b\n1,\"x\"\n", ":2:", "column 2 (b): 'x' is not a finite number"),
                // the file's own text in a message has its control characters escaped: one line, no terminal codes
                Arguments.of("a carriage return inside a cell", "a,b\n1,2\r3\n", ":2:", "column 2 (b): '2\\r3' is not a finite number"),
                Arguments.of("an escape sequence in a name", "x\u001b[2J,x\u001b[2J\n1,2\n", ":1:", "header names column 'x\\u001b[2J' twice"),
                Arguments.of("an earlier fit's labels", "a,b,cluster_k1\n1,2,0\n", ":1:",
                        "column 3 (cluster_k1) holds the labels of an earlier fit's output"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputNamesFileLineAndProblem(String what, String content, String where, String problem) throws IOException {
        Path p = file("bad.csv", content);
        InputException e = assertThrows(InputException.class, () -> CsvReader.read(p, Layout.ROWS));
        assertTrue(e.getMessage().startsWith(p + where), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        InputException e = assertThrows(InputException.class, () -> CsvReader.read(p, Layout.ROWS));
        assertEquals(p + ": no such file", e.getMessage());
    }

    @Test
    void longLinesCrossBufferBoundaries() throws Exception {
        int d = 40_000; // one line of ~400 KB, several lines longer than a buffer in total
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < d; j++) {
            sb.append(j == 0 ? "" : ",").append("c").append(j);
        }
        sb.append('\n');
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < d; j++) {
                sb.append(j == 0 ? "" : ",").append(r * 1.5 + j);
            }
            sb.append('\n');
        }
        Dataset ds = CsvReader.read(file("wide.csv", sb.toString()), Layout.ROWS);
        assertEquals(4, ds.n());
        assertEquals(3 * 1.5 + d - 1, ds.x().get(3, d - 1), 0.0);
    }
}
