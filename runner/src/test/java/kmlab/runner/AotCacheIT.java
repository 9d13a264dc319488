package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kmlab.data.Blobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After packaging, on a copy of the shaded runner.jar: the AOT cache is trained, used (strictly:
 * -XX:AOTMode=on fails a run that cannot map it, and -Xlog:class+load shows kmlab's classes coming
 * from it), recognised as stale when the jar changes and trained again; and a grid runs one cell
 * cold, with the cache and warm, each recorded ok with its regime, the warm job with the settings it was given.
 */
class AotCacheIT {
    private static final Path BUILT = Path.of("target/runner.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    record Result(int code, String out) {
    }

    private static Result java(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        return new Result(p.exitValue(), out);
    }

    private Path jarCopy() throws IOException {
        assertTrue(Files.isRegularFile(BUILT), BUILT + " is built before the integration tests");
        Path jar = dir.resolve("runner.jar");
        Files.copy(BUILT, jar);
        return jar;
    }

    @Test
    void trainedUsedAndStaleWhenTheJarChanges() throws Exception {
        Path jar = jarCopy();
        Path cache = AotCache.defaultFor(jar);
        Path plain = AotCache.cacheFor(jar, AotCache.Kind.PLAIN);
        assertFalse(AotCache.fresh(cache, jar), "no cache yet");
        Result train = java(dir, "-jar", jar.toString(), "aot");
        assertEquals(0, train.code(), train.out());
        assertTrue(AotCache.fresh(cache, jar) && AotCache.fresh(plain, jar), "both trained on this jar");

        Path data = dir.resolve("b.csv");
        Blobs.write(data, 2_000, 4, 3, 1);
        Result used = java(dir, "-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-Xlog:class+load=info:file=" + dir.resolve("cl.txt"),
                "-jar", jar.toString(), "fit", data.toString(), "--k-max", "3", "--json", "--output", dir.resolve("o.csv").toString());
        assertEquals(0, used.code(), used.out());
        String loads = Files.readString(dir.resolve("cl.txt"));
        assertTrue(loads.lines().anyMatch(l -> l.contains("kmlab.job.FitJob ") && l.contains("shared objects file")),
                "kmlab's classes come from the cache");
        // the plain cache, in a JVM without the module, as the launcher starts a scalar-sized fit
        List<String> plainRun = List.of(JAVA, "-XX:+UseSerialGC", "-XX:AOTCache=" + plain, "-XX:AOTMode=on",
                "-jar", jar.toString(), "fit", data.toString(), "--k-max", "3", "--json", "--output",
                dir.resolve("p.csv").toString());
        Process p = new ProcessBuilder(plainRun).redirectErrorStream(true).start();
        String plainOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), plainOut);
        assertEquals(Files.readString(dir.resolve("o.csv")), Files.readString(dir.resolve("p.csv")),
                "the same output with or without the module");
        // a fit that names a vector kernel, started without the module: it runs itself again with it
        List<String> relaunched = List.of(JAVA, "-XX:+UseSerialGC", "-jar", jar.toString(), "fit", data.toString(),
                "--k-max", "3", "--kernel", "gemm", "--json", "--output", dir.resolve("g.csv").toString());
        Process g = new ProcessBuilder(relaunched).redirectErrorStream(false).start();
        String gOut = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, g.waitFor(), gOut);
        JsonObject summary = JsonParser.parseString(gOut).getAsJsonObject();
        assertEquals("gemm", summary.getAsJsonArray("fits").get(2).getAsJsonObject().get("kernel").getAsString());
        assertTrue(summary.get("relaunched").getAsBoolean(), "the summary says a first JVM waited beside it");
        assertEquals(Files.readString(dir.resolve("o.csv")), Files.readString(dir.resolve("g.csv")),
                "gemm in the relaunched JVM writes the scalar reference's labels");

        // a rebuilt jar (another modification time): stale, and trained again
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        assertFalse(AotCache.fresh(cache, jar), "a changed jar makes the cache stale");
        Result again = java(dir, "-jar", jar.toString(), "aot");
        assertEquals(0, again.code(), again.out());
        assertTrue(AotCache.fresh(cache, jar));
        // an older jar put back (its time before the cache's): stale too, which "newer than" would miss
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertFalse(AotCache.fresh(cache, jar), "a jar of another time than the marker's is not the trained one");
    }

    @Test
    void aRunPastItsTimeoutIsKilledWithTheJvmItStarted() throws Exception {
        Path jar = jarCopy();
        Path grid = dir.resolve("slow.yaml");
        // large enough for auto's gemm: the fit, started without the module, starts a second JVM
        Files.writeString(grid, """
                name: slow
                data: {n: 200000, d: 32}
                fits: {mode: sweep, k_max: 32}
                timeout_s: 1
                implementations:
                  - {name: auto}
                """);
        Path out = dir.resolve("out");
        Result r = java(dir, "-jar", jar.toString(), "run", grid.toString(), "--out", out.toString(), "--no-peak");
        JsonObject row = JsonParser.parseString(Files.readAllLines(out.resolve("runs.jsonl")).getFirst()).getAsJsonObject();
        assertEquals("timeout", row.get("status").getAsString(), r.out());
        Thread.sleep(500);
        List<String> left = ProcessHandle.allProcesses()
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(jar.toString()) && c.contains(" fit "))
                .toList();
        assertEquals(List.of(), left, "no JVM of the timed-out run is left running");
    }

    @Test
    void aGridRunsOneCellColdWithTheCacheAndWarm() throws Exception {
        Path jar = jarCopy();
        Path grid = dir.resolve("regimes.yaml");
        Files.writeString(grid, """
                name: regimes
                data: {n: 1500, d: 3}
                fits: {mode: sweep, k_max: 3}
                jvm_options: [-XX:+UseSerialGC, -Xmn16m]
                implementations:
                  - {name: cold}
                  - {name: aot, jvm: aot}
                  - {name: warm, jvm: warm}
                  - {name: warm-gemm, jvm: warm, kernel: gemm, threads: 2}
                """);
        Path out = dir.resolve("out");
        Result r = java(dir, "-jar", jar.toString(), "run", grid.toString(), "--out", out.toString(), "--no-peak");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("training the AOT cache"), r.out());
        assertTrue(AotCache.fresh(AotCache.defaultFor(jar), jar), "the grid trained the cache beside its jar");
        List<JsonObject> rows = new ArrayList<>(Files.readAllLines(out.resolve("runs.jsonl")).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList());
        assertEquals(4, rows.size());
        // the warm job gets fit's arguments for every axis, as a cold run does: the fits ran what was asked
        JsonObject gemm = rows.remove(3);
        assertEquals("ok", gemm.get("status").getAsString(), gemm.toString());
        for (var f : gemm.getAsJsonArray("fits")) {
            assertEquals("gemm", f.getAsJsonObject().get("kernel").getAsString(), gemm.toString());
            assertEquals(2, f.getAsJsonObject().get("threads").getAsInt(), gemm.toString());
        }
        for (JsonObject row : rows) {
            assertEquals("ok", row.get("status").getAsString(), row.toString());
            assertEquals(row.get("implementation").getAsString(), row.get("jvm").getAsString());
            assertEquals("auto", row.get("kernel").getAsString());
            assertEquals(1.0, row.get("ari").getAsDouble(), 1e-9);
            assertEquals(3, row.getAsJsonArray("fits").size());
        }
        // the three regimes clustered alike: the same inertia at every k
        for (int k = 0; k < 3; k++) {
            double want = rows.get(0).getAsJsonArray("fits").get(k).getAsJsonObject().get("inertia").getAsDouble();
            for (JsonObject row : rows) {
                assertEquals(want, row.getAsJsonArray("fits").get(k).getAsJsonObject().get("inertia").getAsDouble());
            }
        }
    }
}
