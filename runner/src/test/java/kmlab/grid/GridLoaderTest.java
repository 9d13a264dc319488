package kmlab.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kmlab.fit.Workload;
import kmlab.kernel.KernelKind;
import kmlab.runs.Axes;
import kmlab.runs.Engine;
import kmlab.runs.JvmRegime;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunRecords;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GridLoaderTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            name: t
            data:
              n: {from: 1000, to: 8000, doubling: true}
              d: [2, 8]
            fits:
              mode: [sweep, single]
              k_max: 4
            implementations:
              - {name: a, layout: boxed, kernel: scalar}
              - {name: b, layout: rows, kernel: gemm, threads: 0, precision: float}
            """;

    private Path write(String yaml) throws IOException {
        Path p = dir.resolve("g.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void theShippedGridsLoadAndExpand() throws GridException {
        try (Stream<Path> files = Files.list(Path.of("../grids"))) {
            List<Path> grids = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(grids.size() >= 1);
            for (Path p : grids) {
                Plan plan = Plan.of(GridLoader.load(p));
                assertTrue(plan.runs().size() > 0, p.toString());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Plan quick = Plan.of(GridLoader.load(Path.of("../grids/quick.yaml")));
        assertEquals(2 * 2 * 12, quick.runs().size());
        assertTrue(quick.estimateSeconds() < 120, "quick grid estimated at " + quick.estimateSeconds() + " s");
    }

    /** A warm run is one JVM doing the job 10 times, and boxed-scattered chases pointers: the estimate knows both. */
    @Test
    void theEstimateCountsAWarmRunsJobsAndScatteredRows() throws Exception {
        Plan plan = Plan.of(GridLoader.load(Path.of("../grids/crossover.yaml")));
        java.util.function.Function<String, Double> at = name -> plan.runs().stream()
                .filter(r -> r.implementation().equals(name) && r.key().startsWith("blobs_n64000_") && r.key().contains("sweep"))
                .findFirst().map(plan::estimateSeconds).orElseThrow();
        double cold = at.apply("rows-lloyd-cold");
        double warm = at.apply("rows-lloyd-warm");
        assertTrue(warm > 1.5 + 10 * (cold - 0.49) - 1e-9 && warm < 1.5 + 10 * cold, cold + " cold, " + warm + " warm");
        assertTrue(at.apply("boxed-scattered-lloyd-cold") > at.apply("boxed-lloyd-cold"));
    }

    @Test
    void clusterStdIsADataAxis() throws Exception {
        Plan plan = Plan.of(GridLoader.load(write(GOOD.replace("d: [2, 8]", "d: 2\n  cluster_std: [1, 2.5]"))));
        Plan plain = Plan.of(GridLoader.load(write(GOOD.replace("d: [2, 8]", "d: 2"))));
        assertEquals(2 * plain.runs().size(), plan.runs().size());
        List<String> names = plan.runs().stream().map(RunSpec::datasetName).distinct().toList();
        assertTrue(names.contains("blobs_n1000_d2_c4_s1") && names.contains("blobs_n1000_d2_c4_std2.5_s1"), names.toString());
        // the spread is not fit's business: it is in the record and the dataset, never in fit's arguments
        RunSpec spread = plan.runs().stream().filter(r -> r.get(Axes.CLUSTER_STD) == 2.5).findFirst().orElseThrow();
        assertTrue(ChildRun.fitArguments(spread, Path.of("in.csv"), Path.of("o.csv"), 1).stream()
                .noneMatch(a -> a.contains("std")));
        GridException e = assertThrows(GridException.class,
                () -> GridLoader.load(write(GOOD.replace("d: [2, 8]", "d: 2\n  cluster_std: 0"))));
        assertTrue(e.getMessage().contains("cluster_std must be a number in (0, 1000], not 0"), e.getMessage());
    }

    @Test
    void rangesDefaultsAndInterleavedOrder() throws Exception {
        Grid g = GridLoader.load(write(GOOD));
        assertEquals(List.of(1000, 2000, 4000, 8000), g.alternatives(Axes.N));
        assertEquals(Engine.CLI, g.engine());
        assertEquals(1, g.repeats());
        assertEquals(10, g.rssPollMillis());
        assertEquals(List.of(Workload.SWEEP, Workload.SINGLE), g.alternatives(Axes.MODE));
        assertEquals(kmlab.kernel.KernelChoice.of(KernelKind.GEMM), g.implementations().get(1).get(Axes.KERNEL));
        assertEquals(kmlab.fit.Seeding.SHARED, g.implementations().get(1).get(Axes.SEEDING));
        Plan plan = Plan.of(g);
        assertEquals(4 * 2 * 2 * 2, plan.runs().size());
        // A B A B: the implementations alternate within each dataset and setting
        assertEquals("a", plan.runs().get(0).implementation());
        assertEquals("b", plan.runs().get(1).implementation());
        assertEquals("a", plan.runs().get(2).implementation());
        assertEquals(plan.runs().get(0).datasetName(), plan.runs().get(1).datasetName());
        assertEquals(4, plan.runs().get(0).get(Axes.CLUSTERS), "clusters default to k_max");
        assertEquals(plan.runs().size(), plan.runs().stream().map(RunSpec::key).distinct().count());
    }

    @Test
    void shardsAreDisjointCompleteAndKeepGroupsWhole() throws Exception {
        Plan plan = Plan.of(GridLoader.load(write(GOOD.replace("name: t", "name: t\nrepeats: 3"))));
        java.util.Set<String> all = new java.util.HashSet<>();
        for (int i = 1; i <= 3; i++) {
            Plan shard = plan.shard(i, 3);
            for (RunSpec r : shard.runs()) {
                assertTrue(all.add(r.key()), "in two shards: " + r.key());
                assertTrue(shard.runs().stream().filter(o -> o.group() == r.group()).count() == 2,
                        "a group split between shards");
            }
        }
        assertEquals(plan.runs().size(), all.size());
        assertThrows(IllegalArgumentException.class, () -> plan.shard(4, 3));
    }

    static Stream<Arguments> badGrids() {
        return Stream.of(
                Arguments.of(GOOD.replace("fits:", "fitz:"), "5:1", "unknown key 'fitz' in the grid (did you mean 'fits'?)"),
                Arguments.of(GOOD.replace("kernel: gemm", "kernal: gemm"), "10:29", "unknown key 'kernal' in an implementation (did you mean 'kernel'?)"),
                Arguments.of(GOOD.replace("name: t", "name: t\nrepeats: three"), "2:10", "repeats must be a whole number, not 'three'"),
                Arguments.of(GOOD.replace("threads: 0", "threads: -1"), "10:52", "threads must be in 0..1024, not -1"),
                Arguments.of(GOOD.replace("layout: rows", "layout: diagonal"), "10:23", "unknown layout 'diagonal' (expected one of: boxed, boxed-scattered, rows, columns)"),
                Arguments.of(GOOD.replace("name: t", "name: !!java.io.File t"), "1:7", "Global tag is not allowed: tag:yaml.org,2002:java.io.File"),
                Arguments.of(GOOD.replace("d: [2, 8]", "d: [2, !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]]"), "4:10", "Global tag is not allowed"),
                Arguments.of(GOOD.replace("name: t", "name: !custom t"), "1:7", "tag '!custom' is not allowed (plain YAML values only)"),
                Arguments.of(GOOD.replace("name: t", "name: t\nname: u"), "2:1", "key 'name' given twice in the grid"),
                Arguments.of(GOOD.replace("kernel: scalar}", "kernel: scalar, precision: float}"), "9:57", "float precision exists for the simd and gemm kernels, not scalar"),
                Arguments.of(GOOD.replace("kernel: scalar}", "kernel: scalar, seeding: once}"), "9:55", "unknown seeding 'once' (expected one of: shared, fresh)"),
                Arguments.of(GOOD.replace("- {name: a, layout: boxed, kernel: scalar}", "- {name: a, peer: sklearn, seeding: fresh}"), "9:30", "'seeding' does not apply to peer 'sklearn'"),
                Arguments.of(GOOD.replace("k_max: 4", "k_max: 4000"), "", "k_max 4000 exceeds n 1000"),
                Arguments.of(GOOD.replace("threads: 0", "threads: 0, jvm_options: [\"-Xmx1g; rm -rf /\"]"), "10:69", "a JVM option is one argument starting with '-'"),
                Arguments.of(GOOD.replace("threads: 0", "threads: 0, jvm_options: [-javaagent:x.jar]"), "10:69", "would change what runs"),
                Arguments.of(GOOD.replace("doubling: true", "doubling: false"), "3:39", "a range must say 'doubling: true'"),
                Arguments.of(GOOD.replace("name: t", "name: t\nengine: jmh"), "7:9", "engine jmh times one kernel at k = k_max: fits.mode must be single"),
                Arguments.of(GOOD.replace("name: t", "name: t\njmh: {iterations: 3}"), "2:6", "the jmh section needs 'engine: jmh'"),
                Arguments.of(GOOD.replace("name: t", "name: t\nengine: jmh\njmh: {benchmarks: [asign]}").replace("[sweep, single]", "single"), "3:20", "unknown benchmark 'asign'; one of assign, seed, fit"),
                Arguments.of(GOOD.replace("name: t", "name: t\nengine: jmh\njmh: {iteration: 3}").replace("[sweep, single]", "single"), "3:7", "unknown key 'iteration' in jmh (did you mean 'iterations'?)"),
                Arguments.of(GOOD.replace("kernel: gemm", "kernel: turbo"), "10:37", "unknown kernel 'turbo' (expected one of: auto, scalar, simd, gemm)"),
                Arguments.of(GOOD.replace("threads: 0", "threads: 0, jvm: hot"), "10:60", "unknown jvm 'hot' (expected one of: cold, aot, warm)"),
                Arguments.of(GOOD.replace("name: t", "name: t\nengine: jmh").replace("[sweep, single]", "single")
                        .replace("threads: 0", "threads: 0, jvm: warm"), "11:60", "'jvm: warm' is a regime of end-to-end jobs: it needs 'engine: cli'"),
                Arguments.of(GOOD.replace("- {name: a, layout: boxed, kernel: scalar}", "- {name: a, peer: sklearn, jvm: aot}"), "9:30", "'jvm' does not apply to peer 'sklearn'"),
                // YAML 1.1's floats that Java's syntax has not: refused as numbers, not thrown
                Arguments.of(GOOD.replace("name: t", "name: t\ntimeout_s: .inf"), "2:12", "timeout_s must be a finite number >= 1.0, not '.inf'"),
                Arguments.of(GOOD.replace("name: t", "name: t\ntimeout_s: 1:30.5"), "2:12", "timeout_s must be a finite number >= 1.0, not '1:30.5'"),
                // a key's escaped newline stays escaped in the message: one line
                Arguments.of(GOOD.replace("fits:", "\"fi\\nts\":"), "5:1", "unknown key 'fi\\nts' in the grid"),
                Arguments.of("name: t\ndata: [\n", "3:1", "not valid YAML"),
                Arguments.of("", "", "empty grid file"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badGrids")
    void badGridsNameFileLineColumnAndProblem(String yaml, String where, String problem) throws IOException {
        Path p = write(yaml);
        GridException e = assertThrows(GridException.class, () -> Plan.of(GridLoader.load(p)));
        assertTrue(e.getMessage().startsWith(p + ":" + (where.isEmpty() ? "" : where + ":")), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void anImplementationThatSetsNothingRunsFitsDefaultsAndSaysSo() throws Exception {
        Grid g = GridLoader.load(write(GOOD.replace("- {name: a, layout: boxed, kernel: scalar}",
                "- {name: a}\n  - {name: c, threads: auto, jvm: aot}\n  - {name: w, layout: boxed, kernel: scalar, threads: 1, jvm: warm}")));
        Grid.Implementation a = g.implementations().get(0);
        assertEquals(kmlab.data.Layout.ROWS, a.get(Axes.LAYOUT));
        assertTrue(a.get(Axes.KERNEL).isAuto());
        assertTrue(a.get(Axes.THREADS).isAuto());
        assertEquals(JvmRegime.COLD, a.get(Axes.JVM));
        assertTrue(a.get(Axes.THREADS).isAuto(), "auto threads is not the serial twin");
        assertEquals(JvmRegime.AOT, g.implementations().get(1).get(Axes.JVM));
        assertEquals(JvmRegime.WARM, g.implementations().get(2).get(Axes.JVM));
        assertEquals(1, g.implementations().get(2).get(Axes.THREADS).count());
        RunSpec run = Plan.of(g).runs().getFirst();
        List<String> args = ChildRun.fitArguments(run, Path.of("in.csv"), Path.of("out.csv"), 1);
        String line = String.join(" ", args);
        assertTrue(line.contains("--layout rows --kernel auto --precision double --seeding shared --algorithm auto --threads auto"), line);
        String row = RunRecords.json(new RunRecord(run, "m", RunOutcome.notRun(RunOutcome.Status.FAILED, "x")));
        assertTrue(row.contains("\"kernel\":\"auto\""), row);
        assertTrue(row.contains("\"threads\":\"auto\""), row);
        assertTrue(row.contains("\"jvm\":\"cold\""), row);
        // auto: started without the Vector API module, so with the cache of such JVMs
        List<String> aot = ChildRun.command(Plan.of(g).runs().get(1), Path.of("in.csv"), Path.of("o.csv"), 1,
                Path.of("/x/runner.jar"));
        assertTrue(aot.containsAll(List.of("-XX:AOTCache=/x/runner-plain.aot", "-XX:AOTMode=on")), aot.toString());
        assertTrue(!aot.contains("jdk.incubator.vector"), aot.toString());
        assertTrue(ChildRun.command(run, Path.of("in.csv"), Path.of("o.csv"), 1, Path.of("/x/runner.jar")).stream()
                .noneMatch(o -> o.startsWith("-XX:AOTCache")), "a cold run never gets a cache");
        // a named vector kernel: the module, and with jvm: aot the module's cache
        Grid v = GridLoader.load(write(GOOD.replace("threads: 0,", "threads: 0, jvm: aot,")));
        List<String> vec = ChildRun.command(Plan.of(v).runs().get(1), Path.of("in.csv"), Path.of("o.csv"), 1,
                Path.of("/x/runner.jar"));
        assertTrue(vec.contains("jdk.incubator.vector") && vec.contains("-XX:AOTCache=/x/runner.aot"), vec.toString());
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("none.yaml");
        GridException e = assertThrows(GridException.class, () -> GridLoader.load(p));
        assertEquals(p + ": no such file", e.getMessage());
    }
}
