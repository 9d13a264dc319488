package kmlab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kmlab.data.Blobs;

/**
 * The JDK's AOT cache for runner.jar (JEP 483 class loading and linking, JEP 514 one-step training,
 * JEP 515 method profiles): a training run of {@code fit} on a small synthetic job writes it, and a
 * JVM started with {@code -XX:AOTCache=FILE} and the same class path loads the classes it recorded
 * already parsed. With an incubator module JDK 25 does not archive the boot layer ("full module
 * graph: disabled"), so what remains is kmlab's own classes and the JDK's; picocli's are never kept
 * (class-file version 49: "Old class has been linked"), which is why {@code fit} reads its command
 * line without picocli.
 *
 * <p>The cache is valid for the one jar it was trained on, and JDK 25.0.3 does not check that: a
 * cache trained on an older runner.jar made the new one load the old classes from the cache and fail
 * ({@code ClassNotFoundException} of a class the new jar no longer has; -Xlog:class+path shows the
 * app class path entry is never validated, with or without -XX:AOTMode=on). So the training leaves a
 * marker beside the cache whose modification time is the jar's at the start of the training, and a
 * cache is used only while the jar's time is exactly that (the launcher compares the two with the
 * shell's -nt, no process started).
 */
public final class AotCache {
    /** The training job's shape: every phase of fit (scalar by auto's rule; the vector kind names gemm). */
    static final int TRAIN_ROWS = 20_000;
    static final int TRAIN_FEATURES = 8;
    static final int TRAIN_K_MAX = 8;
    private static final long TRAIN_TIMEOUT_SECONDS = 300;

    private AotCache() {
    }

    /** runner.jar as this JVM runs it, or null when the classes do not come from one jar (tests, IDEs). */
    public static Path jar() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.isEmpty() || cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) {
            return null;
        }
        return Path.of(cp).toAbsolutePath();
    }

    /**
     * The two caches of a jar, one per kind of JVM: an AOT cache only serves JVMs with the module
     * options it was trained with. {@code VECTOR}: JVMs with the Vector API module (every command but
     * a scalar fit; trained on a gemm fit); {@code PLAIN}: fits started without it (trained on a
     * scalar fit), where the JDK also keeps the module graph and linked call sites.
     */
    public enum Kind {
        VECTOR("runner.aot", List.of("--kernel", "gemm")),
        PLAIN("runner-plain.aot", List.of());

        private final String fileName;
        private final List<String> trainingOptions;

        Kind(String fileName, List<String> trainingOptions) {
            this.fileName = fileName;
            this.trainingOptions = trainingOptions;
        }

        /** Whether the JVMs of this kind have the Vector API module. */
        public boolean vectorModule() {
            return this == VECTOR;
        }
    }

    /** Where the launcher and the grids look for a jar's cache of a kind: beside the jar. */
    public static Path cacheFor(Path jar, Kind kind) {
        return jar.resolveSibling(kind.fileName);
    }

    /** The module's cache (runner.aot): the one of every command but a scalar fit. */
    public static Path defaultFor(Path jar) {
        return cacheFor(jar, Kind.VECTOR);
    }

    /** The marker of the jar a cache was trained on: its modification time is the jar's. */
    public static Path markerOf(Path cache) {
        return cache.resolveSibling(cache.getFileName() + ".jar");
    }

    /** Whether {@code cache} was trained on {@code jar} as it is now (a rebuilt or replaced jar makes it stale). */
    public static boolean fresh(Path cache, Path jar) throws IOException {
        Path marker = markerOf(cache);
        return Files.isRegularFile(cache) && Files.isRegularFile(marker)
                && Files.getLastModifiedTime(marker).equals(Files.getLastModifiedTime(jar));
    }

    /**
     * This JVM's options without the module and any AOT option: those a JVM it starts for the same
     * runs should have (a training run, a relaunch), which add their own.
     */
    public static List<String> ownJvmOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> !o.startsWith("--add-modules") && !o.startsWith("-XX:AOT") && !o.startsWith("-Djdk.module"))
                .toList();
    }

    /** The JVM options that use a cache: this one, and fail loudly when it cannot ({@code strict}). */
    public static List<String> useOptions(Path cache, boolean strict) {
        List<String> o = new ArrayList<>(List.of("-XX:AOTCache=" + cache));
        if (strict) {
            o.add("-XX:AOTMode=on");
        }
        return o;
    }

    /**
     * Trains a cache for {@code jar} into {@code cache} (replaced atomically), with the JVM options
     * the runs that use it will have. Returns the training JVM's exit code (0: written).
     */
    public static int train(Path jar, Path cache, List<String> jvmOptions, Kind kind)
            throws IOException, InterruptedException {
        java.nio.file.attribute.FileTime jarTime = Files.getLastModifiedTime(jar);
        Path work = Files.createTempDirectory(cache.toAbsolutePath().getParent(), ".aot-train-");
        try {
            Path data = work.resolve("train.csv");
            Blobs.write(data, TRAIN_ROWS, TRAIN_FEATURES, TRAIN_K_MAX, 1);
            Path out = work.resolve("cache.aot");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (kind.vectorModule()) {
                cmd.add("--add-modules");
                cmd.add("jdk.incubator.vector");
            }
            cmd.addAll(jvmOptions);
            cmd.add("-XX:AOTCacheOutput=" + out);
            cmd.addAll(List.of("-cp", jar.toString(), "kmlab.runner.Launch", "fit", data.toString(),
                    "--k-max", Integer.toString(TRAIN_K_MAX), "--json", "--output", work.resolve("o.csv").toString()));
            cmd.addAll(kind.trainingOptions);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("train.log").toFile()).start();
            if (!p.waitFor(TRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return -1;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
                return p.exitValue() != 0 ? p.exitValue() : -1;
            }
            Path marker = markerOf(cache);
            Files.deleteIfExists(marker); // never a new cache beside an old marker
            Files.move(out, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path m = work.resolve("marker");
            Files.createFile(m);
            Files.setLastModifiedTime(m, jarTime);
            Files.move(m, marker, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
