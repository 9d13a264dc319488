package kmlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import kmlab.kernel.Workers;

/**
 * Strict CSV reader: a header row; columns named {@code id} and {@code label} are recognised by
 * name (case-insensitive), every other column is a numeric feature. No quoting. Rows are parsed
 * straight from bytes by {@link CsvColumns} into the requested layout, sized by a first pass that
 * counts lines, so no layout is built twice. A large file read with several threads is counted and
 * parsed in blocks on them ({@link CsvBlocks}), with the same values and errors.
 */
public final class CsvReader {
    private static final int BUFFER = 1 << 20;
    /**
     * The block reader's and writer's block. Every buffer of theirs is a block or two per thread, and
     * with the job's serial collector whatever outlives a young collection stays in the process for
     * good, so blocks are small: 256 KiB, whose fixed costs (a positional read or two, a task handed
     * out, a row array) are still tiny beside parsing it (~1,200 blocks for 1M x 32).
     */
    static final int BLOCK = 1 << 18;
    /**
     * Files smaller than this are read (and written) on the caller's thread alone: 4 MiB, about
     * 13k rows of 32 features. A parallel read hands each of its two passes to the pool and reads the
     * header once more, small beside a block's parse; but a small file is read while the warm-up and
     * the JIT compiler threads take the cores, where a second reader thread gains little (as for
     * fits, {@code ThreadsChoice}), and 16 blocks still let two to four threads share them evenly.
     */
    static final long PARALLEL_FROM = 4L << 20;

    private CsvReader() {
    }

    /** Reads {@code file} on the caller's thread. */
    public static Dataset read(Path file, Layout layout) throws InputException {
        return read(file, layout, null, BLOCK, PARALLEL_FROM);
    }

    /**
     * Reads {@code file}, one of {@link #PARALLEL_FROM} bytes or more in blocks on {@code workers}'
     * threads (null: the caller's only): the same dataset and the same errors as
     * {@link #read(Path, Layout)}, bitwise.
     */
    public static Dataset read(Path file, Layout layout, Workers workers) throws InputException {
        return read(file, layout, workers, BLOCK, PARALLEL_FROM);
    }

    /** Reads {@code file} in blocks of {@code blockBytes}, whatever its size, with several threads. */
    static Dataset readInBlocks(Path file, Layout layout, Workers workers, int blockBytes) throws InputException {
        return read(file, layout, workers, blockBytes, 0);
    }

    private static Dataset read(Path file, Layout layout, Workers workers, int blockBytes, long parallelFrom)
            throws InputException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file, 0, Files.exists(file) ? "not a regular file" : "no such file");
            }
            if (inBlocks(Files.size(file), workers, parallelFrom)) {
                return readBlocks(file, layout, workers, blockBytes);
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
        } catch (CsvBlocks.Changed e) {
            throw new InputException(file, 0, e.getMessage());
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Whether a file of {@code size} bytes is read (and written) in blocks on several threads. */
    static boolean inBlocks(long size, Workers workers, long parallelFrom) {
        return workers != null && workers.threads() > 1 && size >= parallelFrom;
    }

    /**
     * The block reader: the lines counted in blocks ({@link CsvBlocks}), the matrix sized by the rows,
     * then each block parsed by the serial reader's {@link CsvColumns} straight into its rows of the
     * matrix. A block stops at its first error; the read throws the first in file order, the serial
     * reader's "empty line" included (known from the counts: a blank line with a row after it).
     */
    private static Dataset readBlocks(Path file, Layout layout, Workers workers, int blockBytes)
            throws IOException, InputException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size == 0) {
                throw new InputException(file, 0, "empty file");
            }
            CsvBlocks.Buffers buffers = new CsvBlocks.Buffers(blockBytes + 2);
            // the header through a reader of its own: its stream is the channel's, left open here
            LineReader header = new LineReader(Channels.newInputStream(channel), buffers.take(), 0);
            header.next();
            CsvColumns parsed = null;
            InputException badHeader = null; // thrown after the count, where the serial reader throws it
            try {
                parsed = CsvColumns.ofHeader(file, header.buf(), header.start(), header.length());
            } catch (InputException e) {
                badHeader = e;
            }
            buffers.give(header.buf());
            CsvBlocks blocks = CsvBlocks.count(channel, header.offset(), size, blockBytes, workers, buffers);
            if (blocks.lines() > Integer.MAX_VALUE) {
                throw new InputException(file, 0, "too many rows (" + blocks.lines() + ")");
            }
            if (badHeader != null) {
                throw badHeader;
            }
            CsvColumns columns = parsed;
            if (blocks.rows() == 0) {
                throw new InputException(file, 0, "no data rows after the header");
            }
            int n = (int) blocks.rows();
            String[] ids = columns.hasId() && layout.boxed() ? new String[n] : null; // as the serial reader
            int[] labels = columns.hasLabel() ? new int[n] : null;
            Matrix.Slots slots = Matrix.slots(layout, n, columns.d());

            // The serial reader throws "empty line" at the first blank line once it meets a row after
            // it: no block after that line's can have an earlier error, so none after it is parsed.
            long emptyLine = blocks.rowAfterBlank() ? blocks.firstBlank() : 0;
            AtomicInteger last = new AtomicInteger(emptyLine == 0 ? blocks.count() - 1 : blocks.blockOf(emptyLine));
            InputException[] errors = new InputException[blocks.count()];
            long[] errorLines = new long[blocks.count()];
            CsvBlocks.forEach(workers, blocks.count(), j -> {
                if (j > last.get() || blocks.lines(j) == 0) {
                    return;
                }
                LineReader lines = blocks.lines(j, buffers.take());
                double[] row = new double[columns.d()];
                int r = (int) blocks.firstRow(j);
                int end = r + blocks.rows(j);
                try {
                    while (lines.next()) {
                        if (lines.length() == 0) {
                            continue;
                        }
                        if (r == end) {
                            throw new InputException(file, lines.number(), "file changed while it was read");
                        }
                        String id = columns.parse(lines.buf(), lines.start(), lines.start() + lines.length(),
                                lines.number(), row, labels, r, ids != null);
                        if (ids != null) {
                            ids[r] = id;
                        }
                        slots.set(r, id, row);
                        r++;
                    }
                    if (r != end || lines.number() != blocks.lastLine(j)) {
                        throw new InputException(file, lines.number(), "file changed while it was read");
                    }
                } catch (InputException e) {
                    errors[j] = e;
                    errorLines[j] = lines.number();
                    last.accumulateAndGet(j, Math::min); // the blocks after it need not be parsed
                } finally {
                    buffers.give(lines.buf());
                }
            });
            for (int j = 0; j < errors.length; j++) {
                if (errors[j] != null && (emptyLine == 0 || errorLines[j] < emptyLine)) {
                    throw errors[j];
                }
            }
            if (emptyLine != 0) {
                throw new InputException(file, emptyLine, "empty line");
            }
            if (channel.size() != size) { // the serial reader would have read the lines it grew by
                throw new InputException(file, 0, "file changed while it was read");
            }
            return new Dataset(columns.names(), slots.build(), ids, labels);
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
            String[] ids = columns.hasId() && layout.boxed() ? new String[maxRows] : null;
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

    /**
     * Yields the lines of a stream as slices of a reusable buffer, without the line terminator (one
     * {@code '\r'} before the {@code '\n'} is removed too); blank lines are yielded, empty.
     */
    static final class LineReader {
        private final InputStream in;
        private byte[] buf;
        private long base; // the stream's offset of buf[0]
        private int pos;
        private int limit;
        private boolean eof;
        private int start;
        private int length;
        private long number;

        LineReader(InputStream in) {
            this(in, new byte[BUFFER], 0);
        }

        /** Lines of {@code in} through {@code buf}, numbered from {@code linesBefore + 1}. */
        LineReader(InputStream in, byte[] buf, long linesBefore) {
            this.in = in;
            this.buf = buf;
            this.number = linesBefore;
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
                base += pos;
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

        /** The buffer the current line is in (grown past the one given for a longer line). */
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

        /** The stream's offset just after the current line's terminator: where the next line starts. */
        long offset() {
            return base + pos;
        }
    }
}
