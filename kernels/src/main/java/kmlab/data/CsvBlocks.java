package kmlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import kmlab.kernel.Workers;

/**
 * A CSV file's data lines (those after the header) cut into blocks at line boundaries and counted in
 * one pass on the job's threads, for the block reader and writer: each block knows its bytes, the
 * number of its first line and the index of its first row, so blocks are parsed or formatted on
 * several threads at once and their rows still land in file order.
 *
 * <p>The bytes after the header are cut into nominal blocks of {@code blockBytes}; a block owns the
 * lines whose {@code '\n'} lies in its nominal range (the last block also owns a last line without
 * one), so its lines are counted without looking further than two bytes back, and a block inside a
 * line longer than {@code blockBytes} owns none. Its bytes run from just after the previous block's
 * last {@code '\n'} to just after its own. Lines are what {@link CsvReader.LineReader} yields: a blank
 * line is empty once one {@code '\r'} before its {@code '\n'} is removed.
 */
final class CsvBlocks {
    private final FileChannel channel;
    private final int count;
    private final long[] from; // each block's bytes: [from, to)
    private final long[] to;
    private final long[] firstLine; // the number of its first line (the header is line 1)
    private final int[] lines; // lines it owns, blank or not
    private final long[] firstRow; // the index of its first row (non-blank line) among the file's rows
    private final int[] rows;
    private final long totalLines;
    private final long totalRows;
    private final long firstBlank;
    private final boolean rowAfterBlank;

    /** Byte arrays of one size for the blocks' threads, kept for the pass's next block instead of allocated anew. */
    static final class Buffers {
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        private final int size;

        Buffers(int size) {
            this.size = size;
        }

        byte[] take() {
            byte[] b = free.poll();
            return b != null ? b : new byte[size];
        }

        void give(byte[] b) {
            free.add(b);
        }
    }

    /** A block's work, which may read the file. */
    @FunctionalInterface
    interface Task {
        void run(int block) throws IOException;
    }

    /** Bytes missing where the count saw them: the file shrank while it was read. */
    static final class Changed extends IOException {
        private static final long serialVersionUID = 1L;

        Changed() {
            super("file changed while it was read");
        }
    }

    private CsvBlocks(FileChannel channel, int count, long[] from, long[] to, long[] firstLine, int[] lines,
                      long[] firstRow, int[] rows, long firstBlank, boolean rowAfterBlank) {
        this.channel = channel;
        this.count = count;
        this.from = from;
        this.to = to;
        this.firstLine = firstLine;
        this.lines = lines;
        this.firstRow = firstRow;
        this.rows = rows;
        this.totalLines = count == 0 ? 0 : firstLine[count - 1] - 2 + lines[count - 1];
        this.totalRows = count == 0 ? 0 : firstRow[count - 1] + rows[count - 1];
        this.firstBlank = firstBlank;
        this.rowAfterBlank = rowAfterBlank;
    }

    /**
     * Counts the lines of {@code [dataStart, size)} in blocks of {@code blockBytes} on {@code workers}'
     * threads; {@code buffers} holds at least {@code blockBytes + 2} bytes each.
     */
    static CsvBlocks count(FileChannel channel, long dataStart, long size, int blockBytes, Workers workers,
                           Buffers buffers) throws IOException {
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes must be >= 1, got " + blockBytes);
        }
        long nominal = (size - dataStart + blockBytes - 1) / blockBytes;
        if (nominal > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many blocks of " + blockBytes + " bytes: " + nominal);
        }
        int m = (int) nominal;
        int[] lines = new int[m];
        int[] blanks = new int[m];
        int[] firstBlankAt = new int[m]; // the index of its first blank line among its lines, -1 without
        int[] lastRowAt = new int[m]; // of its last non-blank line, -1 without
        long[] lastNewline = new long[m]; // the position of its last '\n', -1 without
        forEach(workers, m, j -> {
            long start = dataStart + (long) j * blockBytes;
            long end = Math.min(size, start + blockBytes);
            long look = Math.max(dataStart, start - 2); // a line's blankness looks two bytes back
            byte[] b = buffers.take();
            try {
                readFully(channel, b, look, (int) (end - look));
                int n = 0;
                int blank = 0;
                int firstBlank = -1;
                int lastRow = -1;
                int last = -1;
                int len = (int) (end - look);
                for (int i = (int) (start - look); i < len; i++) {
                    if (b[i] == '\n') {
                        if (isBlank(b, look, dataStart, i)) {
                            blank++;
                            firstBlank = firstBlank < 0 ? n : firstBlank;
                        } else {
                            lastRow = n;
                        }
                        n++;
                        last = i;
                    }
                }
                if (end == size && b[len - 1] != '\n') { // the last line, without its '\n'
                    if (b[len - 1] == '\r' && startsLine(b, look, dataStart, len - 1)) {
                        blank++;
                        firstBlank = firstBlank < 0 ? n : firstBlank;
                    } else {
                        lastRow = n;
                    }
                    n++;
                }
                lines[j] = n;
                blanks[j] = blank;
                firstBlankAt[j] = firstBlank;
                lastRowAt[j] = lastRow;
                lastNewline[j] = last < 0 ? -1 : look + last;
            } finally {
                buffers.give(b);
            }
        });
        long[] from = new long[m];
        long[] to = new long[m];
        long[] firstLine = new long[m];
        long[] firstRow = new long[m];
        int[] rows = new int[m];
        long at = dataStart;
        long line = 2;
        long row = 0;
        long firstBlank = 0;
        boolean rowAfterBlank = false;
        for (int j = 0; j < m; j++) {
            from[j] = at;
            at = lastNewline[j] < 0 ? at : lastNewline[j] + 1;
            to[j] = j == m - 1 ? size : at;
            firstLine[j] = line;
            firstRow[j] = row;
            rows[j] = lines[j] - blanks[j];
            if (firstBlank == 0 && firstBlankAt[j] >= 0) {
                firstBlank = line + firstBlankAt[j];
                rowAfterBlank = lastRowAt[j] > firstBlankAt[j];
            } else if (firstBlank != 0 && rows[j] > 0) {
                rowAfterBlank = true;
            }
            line += lines[j];
            row += rows[j];
        }
        return new CsvBlocks(channel, m, from, to, firstLine, lines, firstRow, rows, firstBlank, rowAfterBlank);
    }

    /** Whether position {@code i} of {@code b} (which holds the file from {@code look}) starts a line. */
    private static boolean startsLine(byte[] b, long look, long dataStart, int i) {
        return look + i == dataStart || b[i - 1] == '\n';
    }

    /** Whether the line ending at the {@code '\n'} at {@code i} is blank: empty, or one {@code '\r'}. */
    private static boolean isBlank(byte[] b, long look, long dataStart, int i) {
        return startsLine(b, look, dataStart, i) || b[i - 1] == '\r' && startsLine(b, look, dataStart, i - 1);
    }

    /** Runs {@code task} for every block index in [0, count) on {@code workers}' threads. */
    static void forEach(Workers workers, int count, Task task) throws IOException {
        try {
            workers.forEachChunk(count, j -> {
                try {
                    task.run(j);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void readFully(FileChannel channel, byte[] b, long at, int length) throws IOException {
        ByteBuffer into = ByteBuffer.wrap(b, 0, length);
        while (into.hasRemaining()) {
            if (channel.read(into, at + into.position()) < 0) {
                throw new Changed();
            }
        }
    }

    int count() {
        return count;
    }

    /** Data lines, blank or not. */
    long lines() {
        return totalLines;
    }

    /** Data rows: the non-blank data lines. */
    long rows() {
        return totalRows;
    }

    /** The number of the first blank data line, 0 without one. */
    long firstBlank() {
        return firstBlank;
    }

    /** Whether a row follows the first blank line (the reader's "empty line"). */
    boolean rowAfterBlank() {
        return rowAfterBlank;
    }

    int lines(int j) {
        return lines[j];
    }

    long firstLine(int j) {
        return firstLine[j];
    }

    long firstRow(int j) {
        return firstRow[j];
    }

    int rows(int j) {
        return rows[j];
    }

    /** The block that owns line {@code line} (a data line). */
    int blockOf(long line) {
        int j = Arrays.binarySearch(firstLine, line);
        if (j < 0) {
            j = -j - 2; // the last block starting before it
        }
        while (lines[j] == 0) { // blocks inside a long line own nothing and share the next one's first line
            j++;
        }
        return j;
    }

    /**
     * The lines of block {@code j}, numbered as in the file, read through {@code buf} (grown for a
     * line longer than it: the reader's {@link CsvReader.LineReader#buf()} is the one to give back).
     */
    CsvReader.LineReader lines(int j, byte[] buf) {
        long start = from[j];
        long end = to[j];
        InputStream in = new InputStream() {
            private long at = start;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= end) {
                    return -1;
                }
                int r = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - at)), at);
                if (r < 0) {
                    throw new Changed();
                }
                at += r;
                return r;
            }

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in bulk");
            }
        };
        return new CsvReader.LineReader(in, buf, firstLine[j] - 1);
    }

    /** The bytes of block {@code j}. */
    long bytes(int j) {
        return to[j] - from[j];
    }

    /** The number of block {@code j}'s last line. */
    long lastLine(int j) {
        return firstLine[j] + lines[j] - 1;
    }
}
