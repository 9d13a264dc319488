package kmlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmlab.kernel.Workers;

/**
 * Writes a job's output: the input's lines exactly as they are (read again, not kept in memory),
 * each followed by the extra integer columns (e.g. {@code cluster_k3}). The header gets the
 * columns' names, data row i the i-th value of every column. A large input is formatted in blocks
 * on several threads and written in order: the same bytes.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /**
     * Writes on the caller's thread.
     *
     * @param rows    the number of data rows the input had when it was read
     * @param names   names of the extra columns
     * @param columns one column of {@code rows} values per name
     */
    public static void appendColumns(Path input, int rows, Path output, List<String> names,
                                     List<LabelColumn> columns) throws IOException, InputException {
        appendColumns(input, rows, output, names, columns, null, CsvReader.BLOCK, CsvReader.PARALLEL_FROM);
    }

    /**
     * {@link #appendColumns(Path, int, Path, List, List)}, an input of {@code CsvReader.PARALLEL_FROM}
     * bytes or more formatted in blocks on {@code workers}' threads (null: the caller's only), as the
     * reader reads it: the same bytes.
     */
    public static void appendColumns(Path input, int rows, Path output, List<String> names,
                                     List<LabelColumn> columns, Workers workers) throws IOException, InputException {
        appendColumns(input, rows, output, names, columns, workers, CsvReader.BLOCK, CsvReader.PARALLEL_FROM);
    }

    /** Writes in blocks of {@code blockBytes} whatever the input's size when {@code workers} has several threads. */
    static void appendInBlocks(Path input, int rows, Path output, List<String> names, List<LabelColumn> columns,
                               Workers workers, int blockBytes) throws IOException, InputException {
        appendColumns(input, rows, output, names, columns, workers, blockBytes, 0);
    }

    private static void appendColumns(Path input, int rows, Path output, List<String> names,
                                      List<LabelColumn> columns, Workers workers, int blockBytes, long parallelFrom)
            throws IOException, InputException {
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException("names and columns differ in length");
        }
        byte[] header = ("," + String.join(",", names)).getBytes(StandardCharsets.UTF_8);
        LabelColumn[] cols = columns.toArray(LabelColumn[]::new);
        for (LabelColumn c : cols) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("a column has " + c.size() + " values for " + rows + " rows");
            }
        }
        try {
            if (CsvReader.inBlocks(Files.size(input), workers, parallelFrom)) {
                try (FileChannel channel = FileChannel.open(input)) {
                    // unbuffered: the blocks go out whole, a buffer would copy them once more
                    AtomicOutput.writeBytes(output, 0, out -> writeBlocks(input, channel, rows, header, cols, out,
                            workers, blockBytes));
                }
                return;
            }
            try (InputStream in = Files.newInputStream(input)) {
                CsvReader.LineReader lines = new CsvReader.LineReader(in);
                AtomicOutput.writeBytes(output, out -> {
                    writeHeader(input, lines, header, out);
                    byte[] suffix = new byte[suffixBytes(cols)];
                    int row = 0;
                    while (lines.next()) {
                        if (lines.length() == 0) {
                            continue; // trailing blank lines (the reader refused any other)
                        }
                        if (row == rows) {
                            throw changed(input, lines.number());
                        }
                        out.write(lines.buf(), lines.start(), lines.length());
                        // one call per row: a call per cell took ~0.1 s more at 256k x 32
                        out.write(suffix, 0, appendSuffix(cols, row, suffix, 0));
                        row++;
                    }
                    if (row != rows) {
                        throw changed(input, lines.number());
                    }
                });
            }
        } catch (UncheckedInput e) {
            throw e.cause;
        } catch (CsvBlocks.Changed e) {
            throw new InputException(input, 0, e.getMessage());
        }
    }

    /** The input's header line as it is, then the extra columns' names. */
    private static void writeHeader(Path input, CsvReader.LineReader lines, byte[] header, OutputStream out)
            throws IOException {
        if (!lines.next()) {
            throw changed(input, 0);
        }
        out.write(lines.buf(), lines.start(), lines.length());
        out.write(header);
        out.write('\n');
    }

    /**
     * The block writer: the input's lines counted in blocks ({@link CsvBlocks}), then, one wave of as
     * many blocks as threads at a time, each block's output formatted on a thread into a buffer of
     * its own and the wave's buffers written in block order. The serial writer's errors, in the same
     * order: a block stops at its first, and the first in file order is thrown.
     */
    private static void writeBlocks(Path input, FileChannel channel, int rows, byte[] header, LabelColumn[] cols,
                                    OutputStream out, Workers workers, int blockBytes) throws IOException {
        long size = channel.size();
        CsvBlocks.Buffers buffers = new CsvBlocks.Buffers(blockBytes + 2);
        // the header through a reader of its own: its stream is the channel's, left open here
        CsvReader.LineReader head = new CsvReader.LineReader(Channels.newInputStream(channel), buffers.take(), 0);
        writeHeader(input, head, header, out);
        buffers.give(head.buf());
        CsvBlocks blocks = CsvBlocks.count(channel, head.offset(), size, blockBytes, workers, buffers);
        if (blocks.rows() < rows) { // the serial writer's error, at the end of the file
            throw changed(input, 1 + blocks.lines());
        }
        int suffixBytes = suffixBytes(cols);
        int wave = workers.threads();
        byte[][] formatted = new byte[wave][];
        int[] lengths = new int[wave];
        UncheckedInput[] errors = new UncheckedInput[wave];
        for (int first = 0; first < blocks.count(); first += wave) {
            int firstBlock = first;
            CsvBlocks.forEach(workers, Math.min(wave, blocks.count() - first), c -> {
                int j = firstBlock + c;
                errors[c] = null;
                lengths[c] = 0;
                if (blocks.lines(j) == 0) {
                    return;
                }
                // a line's output is its text (at most its bytes) and its suffix, '\n' included
                long most = blocks.bytes(j) + (long) blocks.rows(j) * suffixBytes;
                if (formatted[c] == null || formatted[c].length < most) {
                    formatted[c] = new byte[Math.toIntExact(most + most / 4)]; // blocks differ a little
                }
                byte[] to = formatted[c];
                CsvReader.LineReader lines = blocks.lines(j, buffers.take());
                int at = 0;
                int row = (int) Math.min(Integer.MAX_VALUE, blocks.firstRow(j));
                long end = blocks.firstRow(j) + blocks.rows(j);
                try {
                    while (lines.next()) {
                        if (lines.length() == 0) {
                            continue;
                        }
                        // more rows than were read (a later block starts past them), or than were counted
                        if (row >= rows || row == end) {
                            throw changed(input, lines.number());
                        }
                        System.arraycopy(lines.buf(), lines.start(), to, at, lines.length());
                        at = appendSuffix(cols, row, to, at + lines.length());
                        row++;
                    }
                    if (row != end || lines.number() != blocks.lastLine(j)) {
                        throw changed(input, lines.number());
                    }
                    lengths[c] = at;
                } catch (UncheckedInput e) {
                    errors[c] = e;
                } finally {
                    buffers.give(lines.buf());
                }
            });
            for (int c = 0; c < wave && first + c < blocks.count(); c++) {
                if (errors[c] != null) {
                    throw errors[c];
                }
                if (lengths[c] > 0) { // a block inside a long line has none
                    out.write(formatted[c], 0, lengths[c]);
                }
            }
        }
        if (channel.size() != size) {
            throw changed(input, 1 + blocks.lines());
        }
    }

    /** The most bytes of a row's extra columns: ',' and up to 3, 5 or 10 digits each by their width, '\n'. */
    private static int suffixBytes(LabelColumn[] cols) {
        int bytes = 1;
        for (LabelColumn c : cols) {
            bytes += 1 + switch (c.width()) {
                case 1 -> 3;
                case 2 -> 5;
                default -> 10;
            };
        }
        return bytes;
    }

    /** Writes row {@code row}'s extra columns at {@code buf[at]}: ',' and each value, then '\n'; returns the end. */
    private static int appendSuffix(LabelColumn[] cols, int row, byte[] buf, int at) {
        for (LabelColumn c : cols) {
            buf[at++] = ',';
            at = writeInt(c.get(row), buf, at);
        }
        buf[at++] = '\n';
        return at;
    }

    /** Carries the input error out of the output body, which may only throw IOException. */
    private static final class UncheckedInput extends IOException {
        final InputException cause;

        UncheckedInput(InputException cause) {
            super(cause.getMessage());
            this.cause = cause;
        }
    }

    private static UncheckedInput changed(Path input, long line) {
        return new UncheckedInput(new InputException(input, line, "file changed while it was read"));
    }

    /** Writes the decimal digits of {@code v} (>= 0) at {@code buf[at]}; returns the end. */
    private static int writeInt(int v, byte[] buf, int at) {
        int end = at + digits(v);
        int i = end;
        do {
            buf[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        return end;
    }

    private static int digits(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }
}
