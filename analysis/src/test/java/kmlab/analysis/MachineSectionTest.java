package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A merged folder's report names every machine its shards ran on; a single run's names its one. */
class MachineSectionTest {
    @TempDir
    Path dir;

    private static String machines(String md) {
        int from = md.indexOf("## Machine");
        int to = md.indexOf("\n## ", from + 3);
        return md.substring(from, to < 0 ? md.length() : to);
    }

    @Test
    void aMergedFolderNamesEveryMachineWithItsRuns() throws Exception {
        List<Synthetic.Impl> impls = List.of(Synthetic.Impl.kmlab("a", "rows", "scalar", 1),
                Synthetic.Impl.kmlab("b", "rows", "simd", 1));
        Synthetic s = new Synthetic().grid(List.of(1000, 2000, 4000), impls, 1, (i, n, r) -> n / 1000.0);
        // the shard of n = 4000 ran on another kind of machine (a whole paired group, as shards keep them)
        s.rows.forEach(r -> r.put("machine_id", (int) r.get("n") == 4000 ? "m-bbb" : "m-aaa"));
        Path folder = s.write(dir.resolve("merged"));
        Files.writeString(folder.resolve("env-m-aaa.json"), "{\"machine_id\":\"m-aaa\",\"cpu_model\":\"CPU Alpha\","
                + "\"available_processors\":2,\"java_version\":\"25\"}");
        Files.writeString(folder.resolve("env-m-bbb.json"), "{\"machine_id\":\"m-bbb\",\"cpu_model\":\"CPU Beta\","
                + "\"available_processors\":64,\"java_version\":\"25\"}");
        Analysis.run(folder, new PrintWriter(new StringWriter(), true));
        String md = machines(Files.readString(folder.resolve("report.md")));
        assertTrue(md.contains("2 kinds of machine"), md);
        assertTrue(md.contains("m-aaa: CPU Alpha, 2 logical cores") && md.contains("; 4 runs (env-m-aaa.json)"), md);
        assertTrue(md.contains("m-bbb: CPU Beta, 64 logical cores") && md.contains("; 2 runs (env-m-bbb.json)"), md);
        // the audit says the medians mix machines
        assertTrue(Files.readString(folder.resolve("report.md")).contains("runs from 2 machines [m-aaa, m-bbb]"));

        // a machine in the rows whose fingerprint is missing is still named
        Files.delete(folder.resolve("env-m-bbb.json"));
        Analysis.run(folder, new PrintWriter(new StringWriter(), true));
        md = machines(Files.readString(folder.resolve("report.md")));
        assertTrue(md.contains("m-bbb: 2 runs (no env-m-bbb.json in this folder)"), md);
    }

    @Test
    void aFolderOneRunWroteHasNoMachineList() throws Exception {
        Synthetic s = new Synthetic().grid(List.of(1000), List.of(Synthetic.Impl.kmlab("a", "rows", "scalar", 1)), 1,
                (i, n, r) -> 1.0);
        Path folder = s.write(dir.resolve("one"));
        Analysis.run(folder, new PrintWriter(new StringWriter(), true));
        String md = machines(Files.readString(folder.resolve("report.md")));
        assertTrue(md.contains("machine id: m-test"), md);
        assertFalse(md.contains("Merged from shards"), md);
    }
}
