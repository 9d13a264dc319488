package kmlab.data;

/**
 * One column of cluster labels (values >= 0) kept until the output is written, in the narrowest of
 * byte, short or int that holds its largest value: a 256k-row sweep to k = 32 keeps 32 columns,
 * 8 MB as bytes instead of 32 MB as ints.
 */
public final class LabelColumn {
    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;
    private final int size;

    private LabelColumn(byte[] bytes, short[] shorts, int[] ints, int size) {
        this.bytes = bytes;
        this.shorts = shorts;
        this.ints = ints;
        this.size = size;
    }

    /** A compact copy of {@code labels}, every value >= 0. */
    public static LabelColumn of(int[] labels) {
        int max = 0;
        for (int v : labels) {
            if (v < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got " + v);
            }
            max = Math.max(max, v);
        }
        int n = labels.length;
        if (max <= 0xFF) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) labels[i];
            }
            return new LabelColumn(b, null, null, n);
        }
        if (max <= 0xFFFF) {
            short[] s = new short[n];
            for (int i = 0; i < n; i++) {
                s[i] = (short) labels[i];
            }
            return new LabelColumn(null, s, null, n);
        }
        return new LabelColumn(null, null, labels.clone(), n);
    }

    public int size() {
        return size;
    }

    public int get(int i) {
        if (bytes != null) {
            return bytes[i] & 0xFF;
        }
        return shorts != null ? shorts[i] & 0xFFFF : ints[i];
    }

    /** Bytes per label as stored: 1, 2 or 4. */
    public int width() {
        return bytes != null ? 1 : shorts != null ? 2 : 4;
    }
}
