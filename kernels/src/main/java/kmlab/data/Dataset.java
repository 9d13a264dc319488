package kmlab.data;

import java.util.List;

/**
 * A feature matrix with what came with it: the CSV header (column names in file order), the ids
 * when the input had an {@code id} column (read for the boxed layout only, whose rows carry them),
 * and the ground-truth labels when it had {@code label}.
 */
public record Dataset(List<String> header, Matrix x, String[] ids, int[] labels) {
    public static final String ID = "id";
    public static final String LABEL = "label";

    public int n() {
        return x.n();
    }

    public int d() {
        return x.d();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The same dataset in another layout. */
    public Dataset withLayout(Layout layout) {
        return layout == x.layout() ? this : new Dataset(header, Matrix.copyOf(x, layout, ids), ids, labels);
    }

    /** The number of distinct labels, or 0 without labels. */
    public int distinctLabels() {
        return labels == null ? 0 : (int) java.util.Arrays.stream(labels).distinct().count();
    }
}
