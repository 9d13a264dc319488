package kmlab.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a CSV header says about its columns (their names in file order, and which is the id, the
 * label or which feature), and the one parser of a data line by them: the serial reader and the
 * block reader both call {@link #parse}, so their values and their errors are the same by construction.
 * Immutable once made, so one instance serves every thread of a read.
 */
final class CsvColumns {
    private static final int ID = -1;
    private static final int LABEL = -2;
    /** The label columns kmlab's own output adds (cluster_k1, ...): never read as features. */
    private static final Pattern EARLIER_OUTPUT = Pattern.compile("cluster_k[0-9]+", Pattern.CASE_INSENSITIVE);

    private final Path file;
    private final List<String> names;
    private final int[] kind; // per column: the index of its feature, or ID, or LABEL
    private final int d;

    private CsvColumns(Path file, List<String> names, int[] kind, int d) {
        this.file = file;
        this.names = names;
        this.kind = kind;
        this.d = d;
    }

    /** The columns named by the header line {@code b[from, from + length)} (line 1, its terminator removed). */
    static CsvColumns ofHeader(Path file, byte[] b, int from, int length) throws InputException {
        String text = new String(b, from, length, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> split = headerFields(file, text);
        List<String> names = new ArrayList<>(split.size());
        Set<String> seen = new HashSet<>();
        int[] kind = new int[split.size()];
        int d = 0;
        for (int c = 0; c < split.size(); c++) {
            String name = split.get(c).strip();
            if (name.isEmpty()) {
                throw new InputException(file, 1, "header column " + (c + 1) + " has no name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new InputException(file, 1, "header names column '" + name + "' twice");
            }
            names.add(name);
            if (EARLIER_OUTPUT.matcher(name).matches()) {
                throw new InputException(file, 1, "column " + (c + 1) + " (" + name + ") holds the labels of an"
                        + " earlier fit's output, not a feature: cluster the original file, or remove the"
                        + " cluster_k columns first");
            }
            if (name.equalsIgnoreCase(Dataset.ID)) {
                kind[c] = ID;
            } else if (name.equalsIgnoreCase(Dataset.LABEL)) {
                kind[c] = LABEL;
            } else {
                kind[c] = d++;
            }
        }
        if (d == 0) {
            throw new InputException(file, 1, "no feature columns (only id/label)");
        }
        return new CsvColumns(file, List.copyOf(names), kind, d);
    }

    /** The header's fields, RFC 4180: a field may be quoted ("a,b", "say ""hi"""). */
    private static List<String> headerFields(Path file, String text) throws InputException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        List<String> fields = new ArrayList<>();
        int pos = 0;
        for (int c = 0; ; c++) {
            int stop;
            if (pos < b.length && b[pos] == '"') {
                int close = closingQuote(file, 1, b, pos, b.length, null, c);
                fields.add(unquote(b, pos + 1, close));
                stop = close + 1;
            } else {
                stop = pos;
                while (stop < b.length && b[stop] != ',') {
                    stop++;
                }
                fields.add(new String(b, pos, stop - pos, StandardCharsets.UTF_8));
            }
            if (stop >= b.length) {
                return fields;
            }
            pos = stop + 1;
        }
    }

    /**
     * The index of the quote that closes the quoted field opening at {@code b[open]} (a doubled
     * quote inside is one quote of the value), checked to end the field: followed by ',' or the
     * line's end. A field spanning lines is refused: lines are split before they are parsed. Errors
     * name column {@code c} of {@code names}, or of the header where names is null (built only on an
     * error: this runs for every quoted cell).
     */
    private static int closingQuote(Path file, long line, byte[] b, int open, int end, List<String> names, int c)
            throws InputException {
        int i = open + 1;
        while (i < end) {
            if (b[i] == '"') {
                if (i + 1 < end && b[i + 1] == '"') {
                    i += 2;
                    continue;
                }
                if (i + 1 < end && b[i + 1] != ',') {
                    throw new InputException(file, line, where(names, c) + ": text after the closing quote");
                }
                return i;
            }
            i++;
        }
        throw new InputException(file, line, where(names, c) + ": the quoted field does not end on this line"
                + " (fields spanning lines are not supported)");
    }

    private static String where(List<String> names, int c) {
        return names == null ? "header column " + (c + 1) : cell(c, names.get(c));
    }

    /** The value of a quoted field's inside {@code b[from, to)}: each doubled quote one quote. */
    private static String unquote(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        return s.indexOf('"') >= 0 ? s.replace("\"\"", "\"") : s;
    }

    List<String> names() {
        return names;
    }

    /** The number of feature columns. */
    int d() {
        return d;
    }

    boolean hasId() {
        return names.stream().anyMatch(h -> h.equalsIgnoreCase(Dataset.ID));
    }

    boolean hasLabel() {
        return names.stream().anyMatch(h -> h.equalsIgnoreCase(Dataset.LABEL));
    }

    /**
     * Parses the data line {@code b[pos, end)}, line number {@code line} of the file, into
     * {@code row[0, d)} and {@code labels[r]} (when the file has a label column); returns the id field
     * when {@code keepId}, else null (the id is still checked).
     */
    String parse(byte[] b, int pos, int end, long line, double[] row, int[] labels, int r, boolean keepId)
            throws InputException {
        String id = null;
        int columns = kind.length;
        for (int c = 0; c < columns; c++) {
            int from = pos; // the field's value is b[from, to); its end, stop, is a ',' or the line's end
            int to;
            int stop;
            boolean quoted = pos < end && b[pos] == '"';
            if (quoted) {
                to = closingQuote(file, line, b, pos, end, names, c);
                from = pos + 1;
                stop = to + 1;
            } else {
                stop = pos;
                while (stop < end && b[stop] != ',') {
                    stop++;
                }
                to = stop;
            }
            if (stop == end && c < columns - 1) {
                throw new InputException(file, line, "expected " + columns + " fields, found " + (c + 1));
            }
            int k = kind[c];
            if (k >= 0) {
                row[k] = parseNumber(b, from, to, line, c);
            } else if (k == ID) {
                if (!quoted) {
                    for (int i = from; i < to; i++) {
                        if (b[i] == '"') {
                            throw new InputException(file, line, cell(c, names.get(c))
                                    + ": a quote inside an unquoted field (quote the whole field, doubling its quotes)");
                        }
                    }
                }
                if (keepId) {
                    id = quoted ? unquote(b, from, to) : new String(b, from, to - from, StandardCharsets.UTF_8);
                }
            } else {
                labels[r] = parseLabel(b, from, to, line, c);
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
            throw new InputException(file, line, "expected " + columns + " fields, found " + found);
        }
        return id;
    }

    private double parseNumber(byte[] b, int from, int to, long line, int c) throws InputException {
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
        throw new InputException(file, line, cell(c, names.get(c)) + ": " + describe(b, from, to)
                + " is not a finite number");
    }

    private int parseLabel(byte[] b, int from, int to, long line, int c) throws InputException {
        long v = 0;
        int i = from;
        boolean negative = to > from && b[from] == '-';
        if (negative) {
            i++;
        }
        if (i == to) {
            throw new InputException(file, line, cell(c, Dataset.LABEL) + ": " + describe(b, from, to)
                    + " is not an integer label");
        }
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9 || v > Integer.MAX_VALUE) {
                throw new InputException(file, line, cell(c, Dataset.LABEL) + ": " + describe(b, from, to)
                        + " is not an integer label");
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
