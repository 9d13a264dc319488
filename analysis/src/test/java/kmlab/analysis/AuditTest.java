package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {
    @TempDir
    Path dir;

    private static final Synthetic.Impl SERIAL = Synthetic.Impl.kmlab("rows-gemm", "rows", "gemm", 1);
    private static final Synthetic.Impl PARALLEL = Synthetic.Impl.kmlab("rows-gemm-par", "rows", "gemm", 0);
    private static final Synthetic.Impl PEER = new Synthetic.Impl("sklearn", null, null, 0, "sklearn");

    private static Synthetic complete() {
        return new Synthetic().grid(List.of(1000, 2000), List.of(SERIAL, PARALLEL, PEER), 3, (i, n, r) -> 1.0 + 0.01 * r);
    }

    private Audit.Result audit(Synthetic s) throws Exception {
        return Audit.of(ResultsFolder.read(s.write(dir)));
    }

    @Test
    void aCompleteCorrectRunPasses() throws Exception {
        Audit.Result a = audit(complete());
        assertEquals(Audit.Verdict.PASS, a.verdict(), a.failures() + " " + a.warnings());
        assertEquals(18, a.usable().size());
    }

    @Test
    void aMissingRunFails() throws Exception {
        Synthetic s = complete();
        s.rows.removeIf(r -> r.get("key").equals("blobs_n2000_d8_c4_s1/sweep_k4/r3/sklearn"));
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.FAIL, a.verdict());
        assertTrue(a.failures().getFirst().startsWith("1 of 18 planned runs missing, e.g. blobs_n2000_d8_c4_s1/sweep_k4/r3/sklearn"),
                a.failures().toString());
    }

    @Test
    void withoutAPlanAMissingRunIsFoundFromTheCrossProduct() throws Exception {
        Synthetic s = complete();
        s.rows.removeIf(r -> r.get("key").equals("blobs_n1000_d8_c4_s1/sweep_k4/r2/rows-gemm"));
        s.write(dir);
        Files.delete(dir.resolve("plan.txt"));
        Audit.Result a = Audit.of(ResultsFolder.read(dir));
        assertEquals(Audit.Verdict.FAIL, a.verdict());
        assertTrue(a.failures().toString().contains("r2/rows-gemm"), a.failures().toString());
        assertTrue(a.warnings().toString().contains("no plan.txt"));
    }

    @Test
    void aFailedRunFailsAndIsNotUsed() throws Exception {
        Synthetic s = complete();
        s.row("blobs_n1000_d8_c4_s1/sweep_k4/r1/rows-gemm-par").put("status", "oom");
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.FAIL, a.verdict());
        assertTrue(a.failures().toString().contains("1 runs oom, e.g. blobs_n1000_d8_c4_s1/sweep_k4/r1/rows-gemm-par"));
        assertEquals(17, a.usable().size());
    }

    @Test
    void aSkippedPeerIsAWarningNotAFailure() throws Exception {
        Synthetic s = complete();
        s.rows.stream().filter(r -> r.get("implementation").equals("sklearn")).forEach(r -> r.put("status", "skipped"));
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.WARN, a.verdict(), a.failures().toString());
        assertTrue(a.warnings().getFirst().startsWith("6 runs skipped"));
    }

    @Test
    void aBrokenImplementationFailsTheGateAndAWeakerOneIsAWarning() throws Exception {
        Synthetic s = complete();
        s.rows.stream().filter(r -> r.get("implementation").equals("sklearn")).forEach(r -> r.put("ari", 0.3));
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.FAIL, a.verdict());
        assertTrue(a.failures().toString().contains("quality gate: sklearn has median ARI 0.3000, under the floor 0.50"),
                a.failures().toString());
        // plain k-means++ missing a cluster now and then: a quality difference, reported
        s.rows.stream().filter(r -> r.get("implementation").equals("sklearn")).forEach(r -> r.put("ari", 0.89));
        a = audit(s);
        assertEquals(Audit.Verdict.WARN, a.verdict(), a.failures().toString());
        assertTrue(a.warnings().contains("quality: sklearn has median ARI 0.8900, best is 1.0000"), a.warnings().toString());
        s.rows.stream().filter(r -> r.get("implementation").equals("sklearn")).forEach(r -> r.put("ari", 0.97));
        assertEquals(Audit.Verdict.PASS, audit(s).verdict());
    }

    @Test
    void aParallelRunDisagreeingWithItsSerialTwinFails() throws Exception {
        Synthetic s = complete();
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> fits = (List<java.util.Map<String, Object>>)
                s.row("blobs_n2000_d8_c4_s1/sweep_k4/r2/rows-gemm-par").get("fits");
        fits.set(3, java.util.Map.of("k", 4, "iterations", 3, "inertia", 500000.0 * (1 + 1e-9)));
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.FAIL, a.verdict());
        assertTrue(a.failures().getFirst().startsWith("labels of blobs_n2000_d8_c4_s1/sweep_k4/r2/rows-gemm-par disagree"
                + " with its serial twin rows-gemm"), a.failures().toString());
    }

    @Test
    void aDuplicatedRunFails() throws Exception {
        Synthetic s = complete();
        s.rows.add(new java.util.LinkedHashMap<>(s.row("blobs_n1000_d8_c4_s1/sweep_k4/r1/sklearn")));
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.FAIL, a.verdict());
        assertTrue(a.failures().toString().contains("run recorded 2 times: blobs_n1000_d8_c4_s1/sweep_k4/r1/sklearn"));
    }

    @Test
    void noisyRepeatsAreAWarning() throws Exception {
        Synthetic s = new Synthetic().grid(List.of(1000, 2000), List.of(SERIAL, PEER), 3, (i, n, r) -> r == 2 ? 1.5 : 1.0);
        Audit.Result a = audit(s);
        assertEquals(Audit.Verdict.WARN, a.verdict());
        assertEquals(0.5, a.noise().medianSpread(), 1e-12);
    }
}
