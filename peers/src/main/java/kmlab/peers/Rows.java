package kmlab.peers;

import kmlab.data.BoxedMatrix;
import kmlab.data.Matrix;

/** The data as one {@code double[]} per row, the input every library here takes in some form. */
final class Rows {
    private Rows() {
    }

    /** The rows of a boxed matrix are its own arrays (no copy); other layouts are copied. */
    static double[][] of(Matrix x) {
        double[][] rows = new double[x.n()][];
        for (int i = 0; i < rows.length; i++) {
            if (x instanceof BoxedMatrix b) {
                rows[i] = b.points().get(i).features();
            } else {
                rows[i] = new double[x.d()];
                x.copyRow(i, rows[i], 0);
            }
        }
        return rows;
    }
}
