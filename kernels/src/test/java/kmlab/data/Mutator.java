package kmlab.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded mutator of inputs for the fuzz tests of the readers (CSV here, grid files in the
 * runner): each mutant is a corpus file with one to four edits of the kinds damaged files show:
 * a byte flipped or replaced by one of a format's special characters, bytes or random UTF-8 (or
 * invalid UTF-8) inserted, a range deleted, the file cut short, a line duplicated, a word replaced
 * by one of the format's odd tokens (its dictionary: {@code .inf} for YAML, {@code NaN} for CSV).
 * The same seed gives the same mutants, and {@link #edits()} says what the last one did.
 */
public final class Mutator {
    /** The bytes the readers' syntax turns on: separators, quotes, line ends, numbers' and YAML's signs. */
    private static final byte[] SPECIAL = ",\"\n\r\t 0-.e9:#{}[]&*!|>%@`'?\\".getBytes(StandardCharsets.US_ASCII);
    /** Code points that are rare, wide or troublesome in messages. */
    private static final int[] ODD = {0, 0x7, 0x1B, 0x7F, 0x85, 0xA0, 0xFEFF, 0x2028, 0x2029, 0xE9, 0x10FFFF, 0x1F600,
        0x202E, 0x301};

    private final Random random;
    private final List<byte[]> dictionary = new ArrayList<>();
    private final List<String> edits = new ArrayList<>();

    public Mutator(long seed, List<String> dictionary) {
        random = new Random(seed);
        dictionary.forEach(t -> this.dictionary.add(t.getBytes(StandardCharsets.UTF_8)));
    }

    /** The random source, for a test's own choices among the mutants (a layout, a block size). */
    public Random random() {
        return random;
    }

    /** What the last {@link #mutate} did, for a failure's message. */
    public String edits() {
        return String.join("; ", edits);
    }

    public byte[] mutate(byte[] input) {
        edits.clear();
        byte[] b = input;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = edit(b);
        }
        return b;
    }

    private byte[] edit(byte[] b) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        // eight kinds of edit, and two chances in ten of a dictionary's word where there is one
        switch (random.nextInt(dictionary.isEmpty() ? 8 : 10)) {
            case 0 -> {
                if (b.length > 0) {
                    b = b.clone();
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    edits.add("flip a bit at " + at);
                }
            }
            case 1 -> {
                if (b.length > 0) {
                    b = b.clone();
                    b[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                    edits.add("byte " + at + " = " + (b[at] & 0xFF));
                }
            }
            case 2 -> {
                byte[] ins = new byte[1 + random.nextInt(8)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256);
                }
                b = insert(b, at, ins);
                edits.add("insert " + ins.length + " bytes at " + at);
            }
            case 3 -> {
                b = insert(b, at, utf8());
                edits.add("insert UTF-8 at " + at);
            }
            case 4 -> {
                int len = Math.min(b.length - at, 1 + random.nextInt(16));
                b = delete(b, at, len);
                edits.add("delete " + len + " at " + at);
            }
            case 5 -> {
                b = Arrays.copyOf(b, at);
                edits.add("truncate at " + at);
            }
            case 6 -> {
                b = duplicateLine(b, at);
                edits.add("duplicate the line at " + at);
            }
            case 7 -> b = invalidUtf8(b, at);
            default -> {
                byte[] token = dictionary.get(random.nextInt(dictionary.size()));
                b = replaceWord(b, at, token);
                edits.add("the word at " + at + " = " + new String(token, StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    /** Invalid UTF-8 inserted: a lone continuation byte, an overlong form, a cut sequence, a surrogate. */
    private byte[] invalidUtf8(byte[] b, int at) {
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        edits.add("insert invalid UTF-8 at " + at);
        return insert(b, at, bad[random.nextInt(bad.length)]);
    }

    /** The word holding byte {@code at} (a run of letters, digits and {@code .+-_:}) replaced by {@code token}. */
    private static byte[] replaceWord(byte[] b, int at, byte[] token) {
        int start = at;
        while (start > 0 && isWord(b[start - 1])) {
            start--;
        }
        int end = at;
        while (end < b.length && isWord(b[end])) {
            end++;
        }
        return insert(delete(b, start, end - start), start, token);
    }

    private static boolean isWord(byte c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '+' || c == '-' || c == '_' || c == ':';
    }

    private byte[] utf8() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(3) == 0 ? ODD[random.nextInt(ODD.length)] : random.nextInt(0x3000);
            if (cp < 0xD800 || cp > 0xDFFF) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int at, int len) {
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }

    /** The line holding byte {@code at}, once more right after itself. */
    private static byte[] duplicateLine(byte[] b, int at) {
        int start = at;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        end = Math.min(end + 1, b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + end - start);
        out.write(b, 0, end);
        out.write(b, start, end - start);
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }
}
