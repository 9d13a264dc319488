package kmlab.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.fit.Algorithm;
import kmlab.fit.AlgorithmChoice;
import kmlab.fit.Algorithms;
import kmlab.fit.KMeans;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmlab's own fitter end to end: every algorithm writes Lloyd's output, and each fit says its distances. */
class FitJobTest {
    @TempDir
    Path dir;

    @Test
    void everyAlgorithmWritesLloydsOutputAndCountsItsDistances() throws Exception {
        Path in = dir.resolve("in.csv");
        int n = 3_000;
        Blobs.write(in, n, 4, 6, 2);
        byte[] lloyd = null;
        long lloydPasses = 0;
        long seeding = -1;
        for (Algorithm alg : Algorithms.ALL) {
            Path out = dir.resolve(alg.label() + ".csv");
            FitJob.Settings s = new FitJob.Settings(Layout.ROWS, KernelChoice.AUTO, Precision.DOUBLE, ThreadsChoice.of(2),
                    Seeding.SHARED, AlgorithmChoice.of(alg), 0, false);
            StringWriter text = new StringWriter();
            Job.run(new JobOptions(in, 8, out, Workload.SWEEP, 6, 3, true), new FitJob(s), new PrintWriter(text, true),
                    null);
            JsonObject j = JsonParser.parseString(text.toString()).getAsJsonObject();
            assertEquals(alg.label(), j.get("algorithm").getAsString());
            JsonArray fits = j.getAsJsonArray("fits");
            long passes = 0;
            long seeds = 0;
            for (int i = 0; i < fits.size(); i++) {
                JsonObject f = fits.get(i).getAsJsonObject();
                assertEquals(List.of("k", "iterations", "converged", "inertia", "seed_s", "lloyd_s", "kernel", "threads",
                        "algorithm", "distances", "seed_distances"), List.copyOf(f.keySet()), alg.label());
                assertEquals(alg.label(), f.get("algorithm").getAsString());
                int k = f.get("k").getAsInt();
                long fitDistances = f.get("distances").getAsLong() - f.get("seed_distances").getAsLong();
                seeds += f.get("seed_distances").getAsLong();
                if (alg == Algorithms.ALL.getFirst()) {
                    assertEquals(0, fitDistances % ((long) n * k), "lloyd: n x k a pass, k=" + k);
                    assertTrue(fitDistances / ((long) n * k) >= f.get("iterations").getAsInt(), "k=" + k);
                }
                passes += fitDistances;
            }
            // a shared seeding counts where it runs: at k = 1, 3 and 8, the first of 2, 3 and 4 local trials
            for (int k : new int[] {2, 4, 5, 6, 7}) {
                assertEquals(KMeans.localTrials(k), KMeans.localTrials(k - 1), "k=" + k);
                assertEquals(0, fits.get(k - 1).getAsJsonObject().get("seed_distances").getAsLong(), "k=" + k);
            }
            assertTrue(seeds > n, alg.label());
            if (lloyd == null) {
                lloyd = Files.readAllBytes(out);
                lloydPasses = passes;
                seeding = seeds;
            } else {
                assertEquals(new String(lloyd), Files.readString(out), alg.label() + " wrote otherwise");
                assertEquals(seeding, seeds, alg.label() + ": the same seeding");
                assertTrue(passes < lloydPasses, alg.label() + ": " + passes + " of Lloyd's " + lloydPasses);
            }
        }
    }
}
