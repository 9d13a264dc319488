package kmlab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        JsonObject fx = load(name);
        double[][] x = matrix(fx.getAsJsonArray("X"));
        double[][] init = matrix(fx.getAsJsonArray("init"));
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
        int[] labels = fx.getAsJsonArray("labels").asList().stream().mapToInt(e -> e.getAsInt()).toArray();
        assertArrayEquals(labels, r.labels(), "labels");
        assertEquals(fx.get("n_iter").getAsInt(), r.iterations(), "iterations");
        assertTrue(r.converged());
        double[] centres = flatten(matrix(fx.getAsJsonArray("centers")));
        for (int i = 0; i < centres.length; i++) {
            assertClose(centres[i], r.centres()[i], "centre value " + i);
        }
        assertClose(fx.get("inertia").getAsDouble(), r.inertia(), "inertia");
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= 1e-9 * scale, what + ": expected " + expected + " got " + actual);
    }

    private static JsonObject load(String name) throws IOException {
        try (InputStream in = SklearnFixturesTest.class.getResourceAsStream("/sklearn/" + name + ".json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static double[][] matrix(JsonArray a) {
        return a.asList().stream().map(r -> r.getAsJsonArray().asList().stream()
                .mapToDouble(e -> e.getAsDouble()).toArray()).toArray(double[][]::new);
    }

    static double[] flatten(double[][] m) {
        return Stream.of(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
