package kmlab.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kmlab demo}: the browser demo the demo module built (the page and its TeaVM script), written out of runner.jar. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Writes the browser demo into --out: index.html and kmlab-demo.js, kmlab's own k-means (the"
                + " one driver with k-means++ or a random start and Lloyd, the scalar kernel on one thread, the"
                + " data generators) compiled to JavaScript by TeaVM from the sources fit runs. Open index.html"
                + " from the file system: no server, and the page makes no network request.",
            "The page: two moons or blobs (n, noise or spread, seed), k, a random or k-means++ start and its"
                + " seed; step, run and reset, and the writeup's walk-through (two moons, a random start that"
                + " bisects them, then k-means++); points coloured by cluster, the centres and their paths,"
                + " iteration and inertia. Its CSV export is the data and labels as fit reads and writes them:"
                + " fit on it gives the page's k-means++ labels and inertia bit for bit."})
final class DemoCommand implements Callable<Integer> {
    /** The page's files, as the demo module put them into its jar. */
    static final String[] FILES = {"index.html", "kmlab-demo.js"};
    private static final String RESOURCES = "/kmlab/demo/page/";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "kmlab-demo", description = "Folder to write into, made if missing"
            + " (default: ${DEFAULT-VALUE}). A file there of the same name with other contents is never"
            + " replaced: the command stops before writing anything.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Map<String, byte[]> page = page();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " exists and is not a folder");
        }
        for (Map.Entry<String, byte[]> f : page.entrySet()) {
            Path target = out.resolve(f.getKey());
            if (Files.exists(target) && !Arrays.equals(Files.readAllBytes(target), f.getValue())) {
                throw new IllegalArgumentException(target + " exists with other contents; not replaced"
                        + " (remove it, or give another --out)");
            }
        }
        Files.createDirectories(out);
        for (Map.Entry<String, byte[]> f : page.entrySet()) {
            Path target = out.resolve(f.getKey());
            if (!Files.exists(target)) {
                // a new temporary file (the umask's permissions), renamed: a file that appeared meanwhile is kept
                Path tmp = out.resolve("." + f.getKey() + ".tmp");
                Files.write(tmp, f.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.move(tmp, target);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("kmlab demo: open " + out.resolve(FILES[0]).toAbsolutePath().toUri());
        return 0;
    }

    /** The page's files from runner.jar. */
    static Map<String, byte[]> page() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("the demo's " + name + " is not in runner.jar (build the demo module)");
                }
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }
}
