package kmlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Strict CSV reader: a header row; columns named {@code id} and {@code label} are recognised by
 * name (case-insensitive), every other column is a numeric feature. No quoting. Rows are parsed
 * straight from bytes by {@link CsvColumns} into the requested layout, sized by a first pass that
 * counts lines, so no layout is built twice.
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
            CsvColumns columns = CsvColumns.ofHeader(file, lines.buf(), lines.start(), lines.length());
            int d = columns.d();
            // Only the boxed layout's DataPoint holds ids (the output copies the input's lines): on flat
            // layouts 256k ids would cost ~15 MB for nothing.
            String[] ids = columns.hasId() && layout == Layout.BOXED ? new String[maxRows] : null;
            int[] labels = columns.hasLabel() ? new int[maxRows] : null;
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
                String id = columns.parse(lines.buf(), lines.start(), lines.start() + lines.length(), lines.number(),
                        row, labels, rows, ids != null);
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
            return new Dataset(columns.names(), builder.build(), ids, labels);
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
