package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lloyd from given initial centres must end where scikit-learn 1.2.1 ends: same labels, same
 * iteration count, centres and inertia within 1e-9 relative. Fixtures made by
 * src/test/resources/sklearn/make_fixtures.py.
 */
class SklearnFixturesTest {
    static Stream<Arguments> cases() {
        return Stream.of("blobs_2d_k3", "overlap_5d_k6", "empty_cluster_3d_k4", "uniform_4d_k8")
                .flatMap(f -> Stream.of(Layout.values()).map(l -> Arguments.of(f, l)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void lloydMatchesScikitLearn(String name, Layout layout) throws IOException {
        Map<String, Object> fx = load(name);
        double[][] x = matrix(fx.get("X"));
        double[][] init = matrix(fx.get("init"));
        int k = init.length;
        int d = x[0].length;
        Matrix.Builder b = Matrix.builder(layout, x.length, d);
        for (double[] row : x) {
            b.add(null, row);
        }
        FitResult r;
        try (Workers w = Workers.of(1)) {
            KMeans km = new KMeans(Kernels.create(KernelKind.SCALAR, b.build()), w, FitOptions.DEFAULT);
            r = km.lloyd(flatten(init), k);
        }
        int[] labels = ((List<?>) fx.get("labels")).stream().mapToInt(e -> (int) (double) (Double) e).toArray();
        assertArrayEquals(labels, r.labels(), "labels");
        assertEquals((int) (double) (Double) fx.get("n_iter"), r.iterations(), "iterations");
        assertTrue(r.converged());
        double[] centres = flatten(matrix(fx.get("centers")));
        for (int i = 0; i < centres.length; i++) {
            assertClose(centres[i], r.centres()[i], "centre value " + i);
        }
        assertClose((Double) fx.get("inertia"), r.inertia(), "inertia");
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= 1e-9 * scale, what + ": expected " + expected + " got " + actual);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String name) throws IOException {
        try (InputStream in = SklearnFixturesTest.class.getResourceAsStream("/sklearn/" + name + ".json")) {
            return (Map<String, Object>) new FixtureJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)).read();
        }
    }

    private static double[][] matrix(Object a) {
        return ((List<?>) a).stream().map(r -> ((List<?>) r).stream()
                .mapToDouble(e -> (Double) e).toArray()).toArray(double[][]::new);
    }

    static double[] flatten(double[][] m) {
        return Stream.of(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /**
     * Just enough JSON for the fixtures (objects, arrays, numbers as doubles, strings without
     * escapes, true, false, null), so that the kernels library's tests need no JSON library.
     */
    static final class FixtureJson {
        private final String s;
        private int i;

        FixtureJson(String s) {
            this.s = s;
        }

        Object read() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + i);
            }
            return v;
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                while (!next('}')) {
                    space();
                    String key = string();
                    expect(':');
                    m.put(key, value());
                    next(',');
                }
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                while (!next(']')) {
                    l.add(value());
                    next(',');
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : List.of("true", "false", "null")) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int from = i;
            while (i < s.length() && "+-.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.parseDouble(s.substring(from, i));
        }

        private String string() {
            expect('"');
            int end = s.indexOf('"', i);
            String v = s.substring(i, end);
            if (v.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("no escapes in the fixtures: " + v);
            }
            i = end + 1;
            return v;
        }

        private boolean next(char c) {
            space();
            if (s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!next(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
