package kmlab.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kmlab.data.Blobs;
import kmlab.data.InputException;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.fit.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one job, with a fitter that labels row i as i mod k: what the job does around any fitter's fits. */
class JobTest {
    @TempDir
    Path dir;

    /** Labels i mod k into one reused array, as kmlab's fitter does; records what the job asked of it. */
    static final class ModFitter implements Fitter {
        final List<String> calls = new ArrayList<>();
        boolean besideClosed;

        @Override
        public Layout layout() {
            return Layout.COLUMNS;
        }

        @Override
        public AutoCloseable beforeRead(Path input, int[] ks) {
            calls.add("beforeRead " + Arrays.toString(ks));
            return () -> besideClosed = true;
        }

        @Override
        public void describe(JobSummary summary) {
            summary.put("implementation", "mod");
        }

        @Override
        public Fits load(Matrix x, int[] ks, long seed, JobSummary summary) {
            calls.add("load n=" + x.n() + " seed=" + seed + " closed beside=" + besideClosed);
            summary.put("loaded", true);
            int[] labels = new int[x.n()];
            return new Fits() {
                @Override
                public Fit fit(int k) {
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = i % k;
                    }
                    Fit f = new Fit(labels, k, true, 1.0 / k, k == 1 ? null : 0.5, 1.5);
                    return k == 2 ? f.ranWith("two", 3, "lloyd") : f;
                }

                @Override
                public int threadsUsed() {
                    return 7;
                }

                @Override
                public void close() {
                    calls.add("close");
                }
            };
        }
    }

    @Test
    void aJobAroundAnyFitter() throws Exception {
        Path in = dir.resolve("in.csv");
        Blobs.write(in, 30, 2, 3, 1);
        Path out = dir.resolve("out.csv");
        ModFitter fitter = new ModFitter();
        JobOptions job = new JobOptions(in, 3, out, Workload.SWEEP, 2, 9, true);
        StringWriter text = new StringWriter();
        assertEquals(0, Job.run(job, fitter, new PrintWriter(text, true), "mod"));
        assertEquals(List.of("beforeRead [1, 2, 3]", "load n=30 seed=9 closed beside=true", "close"), fitter.calls);

        JsonObject j = JsonParser.parseString(text.toString()).getAsJsonObject();
        assertEquals(List.of("input", "output", "n", "d", "k_max", "mode", "implementation", "seed", "loaded",
                "threads_used", "k_true", "ari", "fits", "phases_s", "cpu_s", "peak_rss_bytes"),
                List.copyOf(j.keySet()), "the fitter's fields between the job's, in one order");
        assertEquals(7, j.get("threads_used").getAsInt());
        assertEquals(2, j.get("k_true").getAsInt());
        JsonObject k1 = j.getAsJsonArray("fits").get(0).getAsJsonObject();
        JsonObject k2 = j.getAsJsonArray("fits").get(1).getAsJsonObject();
        assertEquals(List.of("k", "iterations", "converged", "inertia", "seed_s", "lloyd_s"), List.copyOf(k1.keySet()));
        assertTrue(k1.get("seed_s").isJsonNull());
        assertEquals(List.of("k", "iterations", "converged", "inertia", "seed_s", "lloyd_s", "kernel", "threads",
                "algorithm"), List.copyOf(k2.keySet()), "a fit's kernel, threads and algorithm where the fitter says them");
        assertEquals("lloyd", k2.get("algorithm").getAsString());
        assertEquals("two", k2.get("kernel").getAsString());

        // every column is the labels of its own k, though the fitter reused one array for all
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).endsWith(",label,cluster_k1,cluster_k2,cluster_k3"), lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            int row = i - 1;
            assertArrayEquals(new String[] {"0", "" + row % 2, "" + row % 3},
                    Arrays.copyOfRange(f, f.length - 3, f.length), lines.get(i));
        }
    }

    @Test
    void badInputWritesNothingAndClosesWhatRanBesideTheRead() throws IOException {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "a\n1\n2\n1\n");
        Path out = dir.resolve("out.csv");
        ModFitter fitter = new ModFitter();
        InputException e = assertThrows(InputException.class, () -> Job.run(
                new JobOptions(in, 3, out, Workload.SINGLE, null, 0, false), fitter, new PrintWriter(new StringWriter()), null));
        assertEquals(in + ": k_max = 3 exceeds the number of distinct points (2)", e.getMessage());
        assertTrue(fitter.besideClosed);
        assertEquals(List.of("beforeRead [3]"), fitter.calls, "nothing fitted");
        assertFalse(Files.exists(out));
    }
}
