package kmlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a job's output: the input's lines exactly as they are (read again, not kept in memory),
 * each followed by the extra integer columns (e.g. {@code cluster_k3}). The header gets the
 * columns' names, data row i the i-th value of every column.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /**
     * @param rows    the number of data rows the input had when it was read
     * @param names   names of the extra columns
     * @param columns one column of {@code rows} values per name
     */
    public static void appendColumns(Path input, int rows, Path output, List<String> names,
                                     List<LabelColumn> columns) throws IOException, InputException {
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
        try (InputStream in = Files.newInputStream(input)) {
            CsvReader.LineReader lines = new CsvReader.LineReader(in);
            AtomicOutput.writeBytes(output, out -> {
                if (!lines.next()) {
                    throw changed(input, 0);
                }
                out.write(lines.buf(), lines.start(), lines.length());
                out.write(header);
                out.write('\n');
                byte[] suffix = new byte[cols.length * 11 + 1]; // ',' and up to 10 digits per column, '\n'
                int row = 0;
                while (lines.next()) {
                    if (lines.length() == 0) {
                        continue; // trailing blank lines (the reader refused any other)
                    }
                    if (row == rows) {
                        throw changed(input, lines.number());
                    }
                    out.write(lines.buf(), lines.start(), lines.length());
                    int end = 0;
                    for (LabelColumn c : cols) {
                        suffix[end++] = ',';
                        end = writeInt(c.get(row), suffix, end);
                    }
                    suffix[end++] = '\n';
                    out.write(suffix, 0, end); // one call per row: a call per cell took ~0.1 s more at 256k x 32
                    row++;
                }
                if (row != rows) {
                    throw changed(input, lines.number());
                }
            });
        } catch (UncheckedInput e) {
            throw e.cause;
        }
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
