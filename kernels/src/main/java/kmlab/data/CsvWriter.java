package kmlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a dataset's columns in their original order, followed by extra integer columns. */
public final class CsvWriter {
    private CsvWriter() {
    }

    /**
     * @param names   names of the extra columns (e.g. {@code cluster_k3})
     * @param columns one int[n] per extra column
     */
    public static void write(Path file, Dataset ds, List<String> names, List<int[]> columns) throws IOException {
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException("names and columns differ in length");
        }
        List<String> header = ds.header();
        int[] feature = new int[header.size()];
        int j = 0;
        for (int c = 0; c < feature.length; c++) {
            String h = header.get(c);
            feature[c] = h.equalsIgnoreCase(Dataset.ID) ? -1 : h.equalsIgnoreCase(Dataset.LABEL) ? -2 : j++;
        }
        Matrix x = ds.x();
        AtomicOutput.write(file, w -> {
            StringBuilder line = new StringBuilder(256);
            line.append(String.join(",", header));
            for (String name : names) {
                line.append(',').append(name);
            }
            w.append(line).append('\n');
            for (int i = 0; i < x.n(); i++) {
                line.setLength(0);
                for (int c = 0; c < feature.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    switch (feature[c]) {
                        case -1 -> line.append(ds.ids()[i]);
                        case -2 -> line.append(ds.labels()[i]);
                        default -> line.append(x.get(i, feature[c]));
                    }
                }
                for (int[] col : columns) {
                    line.append(',').append(col[i]);
                }
                w.append(line).append('\n');
            }
        });
    }
}
