package kmlab.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Strict CSV reader: a header row; columns named {@code id} and {@code label} are recognised by
 * name (case-insensitive), every other column is a numeric feature. No quoting. Rows are parsed
 * straight from bytes (plain decimals by {@link PlainDecimal}, the rest by a fast exact float
 * parser) into the requested layout, sized by a first
 * pass that counts lines, so no layout is built twice.
 */
public final class CsvReader {
    private static final int BUFFER = 1 << 20;

    private CsvReader() {
    }

    public static Dataset read(Path file, Layout layout) throws InputException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file, 0, Files.exists(file) ? "not a regular file" : "no such file");
            }
            long lines = countLines(file);
            if (lines == 0) {
                throw new InputException(file, 0, "empty file");
            }
            if (lines - 1 > Integer.MAX_VALUE) {
                throw new InputException(file, 0, "too many rows (" + (lines - 1) + ")");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Parser(file, new LineReader(in), (int) (lines - 1), layout).parse();
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file, 0, "no such file");
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /**
     * A first look at a file before it is read: the feature count from the header and a row count
     * estimated from the file's size and its first row's length; null when the file cannot be read
     * (the read then reports why). For choices that change speed only: the warm-up, never a result.
     */
    public static Glance glance(Path file) {
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return null;
            }
            int features = (int) Arrays.stream(header.replace("\uFEFF", "").split(",", -1)).map(String::strip)
                    .filter(h -> !h.equalsIgnoreCase(Dataset.ID) && !h.equalsIgnoreCase(Dataset.LABEL)).count();
            String first = r.readLine();
            long rowBytes = first == null ? 0 : first.length() + 1;
            long rows = rowBytes == 0 ? 0 : Math.max(1, (Files.size(file) - header.length() - 1) / rowBytes);
            return new Glance(features, rows);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What {@link #glance} sees. */
    public record Glance(int features, long estimatedRows) {
    }

    /** Lines in the file, counting a last line without a newline. */
    static long countLines(Path file) throws IOException {
        byte[] buf = new byte[BUFFER];
        long lines = 0;
        byte last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0;) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                last = buf[r - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    private static final class Parser {
        private final Path file;
        private final LineReader lines;
        private final int maxRows;
        private final Layout layout;
        private int[] featureColumn; // per column: index of the feature, or -1 for id, -2 for label
        private int d;

        Parser(Path file, LineReader lines, int maxRows, Layout layout) {
            this.file = file;
            this.lines = lines;
            this.maxRows = maxRows;
            this.layout = layout;
        }

        Dataset parse() throws IOException, InputException {
            if (!lines.next()) {
                throw new InputException(file, 0, "empty file");
            }
            List<String> header = parseHeader();
            boolean hasId = header.stream().anyMatch(h -> h.equalsIgnoreCase(Dataset.ID));
            boolean hasLabel = header.stream().anyMatch(h -> h.equalsIgnoreCase(Dataset.LABEL));
            // Only the boxed layout's DataPoint holds ids (the output copies the input's lines): on flat
            // layouts 256k ids would cost ~15 MB for nothing.
            String[] ids = hasId && layout == Layout.BOXED ? new String[maxRows] : null;
            int[] labels = hasLabel ? new int[maxRows] : null;
            Matrix.Builder builder = Matrix.builder(layout, maxRows, d);
            double[] row = new double[d];
            int rows = 0;
            long firstBlank = 0;
            while (lines.next()) {
                if (lines.length() == 0) {
                    if (firstBlank == 0) {
                        firstBlank = lines.number();
                    }
                    continue;
                }
                if (firstBlank != 0) {
                    throw new InputException(file, firstBlank, "empty line");
                }
                if (rows == maxRows) { // the file grew between the two passes
                    throw new InputException(file, lines.number(), "file changed while it was read");
                }
                String id = parseRow(header, row, labels, rows, ids != null);
                if (ids != null) {
                    ids[rows] = id;
                }
                builder.add(id, row);
                rows++;
            }
            if (rows == 0) {
                throw new InputException(file, 0, "no data rows after the header");
            }
            if (rows < maxRows) {
                ids = ids == null ? null : java.util.Arrays.copyOf(ids, rows);
                labels = labels == null ? null : java.util.Arrays.copyOf(labels, rows);
            }
            return new Dataset(List.copyOf(header), builder.build(), ids, labels);
        }

        private List<String> parseHeader() throws InputException {
            String text = new String(lines.buf(), lines.start(), lines.length(), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.indexOf('"') >= 0) {
                throw new InputException(file, 1, "quoted fields are not supported");
            }
            String[] names = text.split(",", -1);
            List<String> header = new ArrayList<>(names.length);
            Set<String> seen = new HashSet<>();
            featureColumn = new int[names.length];
            for (int c = 0; c < names.length; c++) {
                String name = names[c].strip();
                if (name.isEmpty()) {
                    throw new InputException(file, 1, "header column " + (c + 1) + " has no name");
                }
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new InputException(file, 1, "header names column '" + name + "' twice");
                }
                header.add(name);
                if (name.equalsIgnoreCase(Dataset.ID)) {
                    featureColumn[c] = -1;
                } else if (name.equalsIgnoreCase(Dataset.LABEL)) {
                    featureColumn[c] = -2;
                } else {
                    featureColumn[c] = d++;
                }
            }
            if (d == 0) {
                throw new InputException(file, 1, "no feature columns (only id/label)");
            }
            return header;
        }

        /**
         * Parses one data line into {@code row} and {@code labels[r]}; returns the id field when
         * {@code keepId}, else null (the id is still checked).
         */
        private String parseRow(List<String> header, double[] row, int[] labels, int r, boolean keepId)
                throws InputException {
            byte[] b = lines.buf();
            int pos = lines.start();
            int end = pos + lines.length();
            String id = null;
            int columns = featureColumn.length;
            for (int c = 0; c < columns; c++) {
                int stop = pos;
                while (stop < end && b[stop] != ',') {
                    stop++;
                }
                if (stop == end && c < columns - 1) {
                    throw new InputException(file, lines.number(),
                            "expected " + columns + " fields, found " + (c + 1));
                }
                int kind = featureColumn[c];
                if (kind >= 0) {
                    row[kind] = parseNumber(b, pos, stop, header.get(c), c);
                } else if (kind == -1) {
                    for (int i = pos; i < stop; i++) {
                        if (b[i] == '"') {
                            throw new InputException(file, lines.number(), "quoted fields are not supported");
                        }
                    }
                    if (keepId) {
                        id = new String(b, pos, stop - pos, StandardCharsets.UTF_8);
                    }
                } else {
                    labels[r] = parseLabel(b, pos, stop, c);
                }
                pos = stop + 1;
            }
            if (pos <= end) {
                int found = columns;
                for (int i = pos - 1; i < end; i++) {
                    if (b[i] == ',') {
                        found++;
                    }
                }
                throw new InputException(file, lines.number(), "expected " + columns + " fields, found " + found);
            }
            return id;
        }

        private double parseNumber(byte[] b, int from, int to, String name, int c) throws InputException {
            // The Java syntax accepts "NaN", "Infinity", "1d" and padding; a CSV cell must end in a digit or '.'.
            byte lastByte = to > from ? b[to - 1] : 0;
            if (to > from && (lastByte >= '0' && lastByte <= '9' || lastByte == '.')) {
                double plain = PlainDecimal.parse(b, from, to);
                if (!Double.isNaN(plain)) {
                    return plain;
                }
                try {
                    double v = JavaDoubleParser.parseDouble(b, from, to - from);
                    if (Double.isFinite(v)) {
                        return v;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below with the cell's text
                }
            }
            throw new InputException(file, lines.number(), cell(c, name) + ": " + describe(b, from, to)
                    + " is not a finite number");
        }

        private int parseLabel(byte[] b, int from, int to, int c) throws InputException {
            long v = 0;
            int i = from;
            boolean negative = to > from && b[from] == '-';
            if (negative) {
                i++;
            }
            if (i == to) {
                throw new InputException(file, lines.number(), cell(c, Dataset.LABEL) + ": " + describe(b, from, to)
                        + " is not an integer label");
            }
            for (; i < to; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9 || v > Integer.MAX_VALUE) {
                    throw new InputException(file, lines.number(), cell(c, Dataset.LABEL) + ": "
                            + describe(b, from, to) + " is not an integer label");
                }
                v = v * 10 + digit;
            }
            return (int) (negative ? -v : v);
        }

        private static String cell(int c, String name) {
            return "column " + (c + 1) + " (" + name + ")";
        }

        private static String describe(byte[] b, int from, int to) {
            if (to == from) {
                return "an empty cell";
            }
            String s = new String(b, from, Math.min(to - from, 40), StandardCharsets.UTF_8);
            return "'" + s + (to - from > 40 ? "...'" : "'");
        }
    }

    /** Yields the lines of a stream as slices of a reusable buffer, without the line terminator. */
    static final class LineReader {
        private final InputStream in;
        private byte[] buf = new byte[BUFFER];
        private int pos;
        private int limit;
        private boolean eof;
        private int start;
        private int length;
        private long number;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            while (true) {
                for (int i = pos; i < limit; i++) {
                    if (buf[i] == '\n') {
                        take(i, i + 1);
                        return true;
                    }
                }
                if (eof) {
                    if (pos < limit) {
                        take(limit, limit);
                        return true;
                    }
                    return false;
                }
                fill();
            }
        }

        private void take(int lineEnd, int nextPos) {
            start = pos;
            length = lineEnd - pos;
            if (length > 0 && buf[lineEnd - 1] == '\r') {
                length--;
            }
            pos = nextPos;
            number++;
        }

        private void fill() throws IOException {
            int pending = limit - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, pending);
            } else if (pending == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
            }
            pos = 0;
            limit = pending;
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }

        byte[] buf() {
            return buf;
        }

        int start() {
            return start;
        }

        int length() {
            return length;
        }

        long number() {
            return number;
        }
    }
}
