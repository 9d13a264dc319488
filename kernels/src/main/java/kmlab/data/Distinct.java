package kmlab.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Counts distinct rows, stopping as soon as a limit is reached (k-means++ needs k distinct points). */
public final class Distinct {
    private Distinct() {
    }

    /** The number of distinct rows, or {@code limit} if there are at least that many. */
    public static int countUpTo(Matrix x, int limit) {
        Set<Row> seen = new HashSet<>();
        for (int i = 0; i < x.n() && seen.size() < limit; i++) {
            double[] v = new double[x.d()];
            x.copyRow(i, v, 0);
            for (int j = 0; j < v.length; j++) {
                v[j] += 0.0; // -0.0 and 0.0 are the same point
            }
            seen.add(new Row(v));
        }
        return seen.size();
    }

    private record Row(double[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && Arrays.equals(v, r.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }
}
