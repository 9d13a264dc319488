package kmlab.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kmlab.data.Blobs;
import kmlab.data.CsvReader;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Moons;
import kmlab.fit.FitOptions;
import kmlab.fit.FitResult;
import kmlab.fit.KMeans;
import kmlab.fit.RandomInit;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser demo in a real headless browser (Debian's chromium, over the DevTools protocol: {@link Cdp}):
 * the page {@code kmlab demo} writes computes, for a fixed seed, the labels and inertia that
 * {@code kmlab fit} computes on the page's exported CSV, bit for bit (k-means++, fit's only seeding), and
 * that the one driver computes with the random start on the same data; it makes no request that
 * leaves the file (the protocol's Network events: every request is file: or data:). Skipped, with a
 * message, where no browser is installed ({@code .ci/run} installs one). Not Selenium: its jars on
 * the test class path, which the grid tests' children inherit, made their command lines too long
 * for the JDK to read back (FaultMatrixTest could no longer find its victim by its arguments).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoBrowserTest {
    private static final String CHROMIUM = System.getProperty("kmlab.chromium", "/usr/bin/chromium");

    @TempDir
    static Path dir;
    private static Cdp browser;
    /** Why the tests are skipped, or null. */
    private static String missing;

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @BeforeAll
    static void open() throws Exception {
        if (!new File(CHROMIUM).canExecute()) {
            missing = "skipped: no headless browser here (" + CHROMIUM + "): apt-get install chromium to run the"
                    + " browser demo's test";
            System.out.println("DemoBrowserTest " + missing);
            return;
        }
        CliTest.Run demo = CliTest.run("demo", "--out", dir.resolve("page").toString());
        assertEquals(0, demo.code(), demo.err());
        browser = Cdp.launch(CHROMIUM, dir.resolve("profile"));
        browser.send("Network.enable", null);
        browser.send("Page.enable", null);
        JsonObject nav = new JsonObject();
        nav.addProperty("url", dir.resolve("page/index.html").toUri().toString());
        browser.send("Page.navigate", nav);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!js("window.kmlabFirstFrame !== undefined").getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "the page drew no frame in 30 s");
            Thread.sleep(20);
        }
        JsonElement first = js("window.kmlabFirstFrame");
        JsonElement since = js("window.kmlabSinceNavigation");
        System.out.println("DemoBrowserTest: first frame " + first + " ms after the script, " + since
                + " ms after navigation; kmlab-demo.js " + dir.resolve("page/kmlab-demo.js").toFile().length() + " bytes");
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static JsonElement js(String expression) throws Exception {
        return browser.eval(expression);
    }

    /** {@code window.kmlab.NAME(ARG)}, the page's text. */
    private static String text(String name, String arg) throws Exception {
        return js("window.kmlab[" + Cdp.literal(name) + "](" + Cdp.literal(arg) + ")").getAsString();
    }

    private static JsonObject call(String name, String arg) throws Exception {
        JsonObject o = JsonParser.parseString(text(name, arg)).getAsJsonObject();
        assertFalse(o.has("error"), () -> name + "(" + arg + "): " + o);
        return o;
    }

    /** The page's fit to convergence on its data; its CSV written to {@code csv}. */
    private static JsonObject pageFit(String spec, Path csv) throws Exception {
        JsonObject start = call("setup", spec);
        assertEquals(0, start.get("iteration").getAsInt());
        JsonObject done = call("run", "");
        assertTrue(done.get("converged").getAsBoolean(), spec);
        Files.writeString(csv, text("csv", ""));
        return done;
    }

    private static int[] labels(JsonObject state) {
        JsonArray a = state.getAsJsonArray("labels");
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    private static long bits(JsonObject state) {
        return Long.parseUnsignedLong(state.get("inertiaBits").getAsString(), 16);
    }

    /** kmlab fit on the page's CSV: one fit at k from seed; its labels (the output's cluster column) and inertia. */
    private static FitResult fit(Path csv, int k, long seed) throws Exception {
        Path out = dir.resolve("fit-" + csv.getFileName());
        CliTest.Run r = CliTest.run("fit", csv.toString(), "--mode", "single", "--k-max", "" + k, "--seed", "" + seed,
                "--json", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject summary = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject f = summary.getAsJsonArray("fits").get(0).getAsJsonObject();
        assertEquals(k, f.get("k").getAsInt());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).endsWith(",cluster_k" + k), lines.get(0));
        int[] labels = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            labels[i - 1] = Integer.parseInt(line.substring(line.lastIndexOf(',') + 1));
        }
        return new FitResult(k, labels, null, f.get("inertia").getAsDouble(), f.get("iterations").getAsInt(), true, 0, 0);
    }

    @Test
    @Order(1)
    void thePagesKMeansPlusPlusFitIsKmlabFitsBitForBit() throws Exception {
        String[][] cases = {
            {"moons,500,0.05,1,2,k-means++,3", "2", "3"},
            {"moons,2000,0.1,7,5,k-means++,11", "5", "11"},
            {"blobs,1500,1.5,2,4,k-means++,5", "4", "5"},
        };
        for (String[] c : cases) {
            Path csv = dir.resolve("page-" + c[0].replace(',', '_') + ".csv");
            JsonObject page = pageFit(c[0], csv);
            FitResult fit = fit(csv, Integer.parseInt(c[1]), Long.parseLong(c[2]));
            assertArrayEquals(fit.labels(), labels(page), c[0] + ": labels");
            assertEquals(Double.doubleToRawLongBits(fit.inertia()), bits(page), c[0] + ": inertia " + fit.inertia()
                    + " (fit) against " + page.get("inertia") + " (page)");
            assertEquals(fit.iterations(), page.get("iteration").getAsInt(), c[0] + ": iterations");
        }
    }

    @Test
    @Order(1)
    void thePagesRandomStartIsTheDriversAndItsDataTheGenerators() throws Exception {
        Path csv = dir.resolve("page-random.csv");
        JsonObject page = pageFit("moons,500,0.05,1,2,random,3", csv);
        // the one driver on the JVM, with the random start, on the page's data as fit reads them
        Dataset read = CsvReader.read(csv, Layout.ROWS);
        FitResult jvm = new KMeans(Kernels.scalar(read.x()), Workers.single(), FitOptions.DEFAULT)
                .using(RandomInit.INSTANCE).fit(2, 3);
        assertArrayEquals(jvm.labels(), labels(page), "labels");
        assertEquals(Double.doubleToRawLongBits(jvm.inertia()), bits(page), "inertia");
        // the data themselves: the page's generator (JavaScript's Math.cos, sin, log) against the JVM's
        Dataset moons = Moons.generate(500, 0.05, 1, Layout.ROWS);
        int differ = 0;
        for (int i = 0; i < moons.n(); i++) {
            for (int j = 0; j < 2; j++) {
                differ += moons.x().get(i, j) == read.x().get(i, j) ? 0 : 1;
            }
        }
        System.out.println("DemoBrowserTest: moons generated in the page and on the JVM differ in " + differ
                + " of " + 2 * moons.n() + " values");
        assertArrayEquals(moons.labels(), read.labels(), "the generator's labels");
        Dataset blobs = Blobs.generate(300, 2, 3, 1.0, 4, Layout.ROWS);
        call("setup", "blobs,300,1.0,4,3,k-means++,1");
        Dataset pageBlobs = CsvReader.read(Files.writeString(dir.resolve("blobs.csv"),
                text("csv", "")), Layout.ROWS);
        assertArrayEquals(blobs.labels(), pageBlobs.labels(), "blobs' labels");
    }

    /**
     * The kernels' Math.fma as the page runs it (TeaVM has none: the demo's exact emulation) against
     * the JVM's, on operands where a multiply and an add, rounded twice, give another result. The
     * fits above seldom tell the two apart at d = 2 (the same labels, and the inertia's sum often
     * absorbs a last-bit difference), so this is what shows the page's distances are kmlab's.
     */
    @Test
    @Order(1)
    void thePagesFmaIsTheJvms() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        StringBuilder in = new StringBuilder();
        List<Long> want = new ArrayList<>();
        int unfusedDiffers = 0;
        for (int i = 0; i < 3000; i++) {
            double a = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20);
            double b = i % 2 == 0 ? a : (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20);
            double c = switch (i % 3) {
                case 0 -> -(a * b);
                case 1 -> Math.ulp(a * b) / 2;
                default -> (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20);
            };
            in.append(Long.toHexString(Double.doubleToRawLongBits(a))).append(',')
                    .append(Long.toHexString(Double.doubleToRawLongBits(b))).append(',')
                    .append(Long.toHexString(Double.doubleToRawLongBits(c))).append('\n');
            want.add(Double.doubleToRawLongBits(Math.fma(a, b, c)));
            unfusedDiffers += Double.doubleToRawLongBits(a * b + c) == want.get(i) ? 0 : 1;
        }
        assertTrue(unfusedDiffers > 1000, "operands that tell fma from a multiply and an add: " + unfusedDiffers);
        String[] got = text("fma", in.toString().strip()).split("\n");
        assertEquals(want.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want.get(i), Long.parseUnsignedLong(got[i], 16), "fma, operands " + i);
        }
    }

    @Test
    @Order(1)
    void stepsAreTheFitStoppedEarlyAndTheyReachTheRun() throws Exception {
        JsonObject s = call("setup", "moons,500,0.05,1,2,random,3");
        assertTrue(s.get("inertia").isJsonNull(), "no inertia before the first iteration");
        List<Long> inertias = new ArrayList<>();
        for (int i = 1; i <= 50 && !s.get("converged").getAsBoolean(); i++) {
            s = call("step", "");
            assertEquals(i, s.get("iteration").getAsInt());
            inertias.add(bits(s));
            assertEquals(i + 1, s.getAsJsonArray("paths").get(0).getAsJsonArray().size() / 2, "a path point per iteration");
        }
        assertTrue(s.get("converged").getAsBoolean());
        JsonObject run = call("run", "");
        assertEquals(bits(s), bits(run));
        for (int i = 1; i < inertias.size(); i++) {
            assertTrue(Double.longBitsToDouble(inertias.get(i)) <= Double.longBitsToDouble(inertias.get(i - 1)),
                    "Lloyd's inertia never rises");
        }
        String refused = text("setup", "moons,10,0.05,1,11,random,3");
        assertTrue(refused.startsWith("{\"error\":\"k must be in 1..10"), refused);
    }

    @Test
    @Order(2) // last: the walk-through's timers go on stepping the page's fit
    void thePageMakesNoRequestThatLeavesTheFile() throws Exception {
        // the page's walk-through and export too, then every request the browser reported
        js("document.getElementById('walk').click()");
        Thread.sleep(1500);
        js("document.getElementById('export').click()");
        Thread.sleep(200);
        List<String> urls = new ArrayList<>();
        for (JsonObject e : browser.events("Network.requestWillBeSent")) {
            urls.add(e.getAsJsonObject("request").get("url").getAsString());
        }
        assertTrue(urls.stream().anyMatch(u -> u.endsWith("/kmlab-demo.js")), "the log holds the page's requests: " + urls);
        for (String u : urls) {
            assertTrue(u.startsWith("file:") || u.startsWith("data:"), "a request that leaves the file: " + u);
        }
    }
}
