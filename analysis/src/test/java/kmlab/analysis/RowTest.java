package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import kmlab.data.Layout;
import kmlab.fit.Seeding;
import kmlab.fit.Workload;
import kmlab.kernel.KernelChoice;
import kmlab.kernel.KernelKind;
import kmlab.kernel.Precision;
import kmlab.kernel.ThreadsChoice;
import kmlab.runs.Axes;
import kmlab.runs.AxisValues;
import kmlab.runs.Engine;
import kmlab.runs.JvmRegime;
import kmlab.runs.RunOutcome;
import kmlab.runs.RunRecord;
import kmlab.runs.RunSpec;
import org.junit.jupiter.api.Test;

/** How the analysis groups runs follows the axes' roles: the slice from the cell axes, the family from the family axes. */
class RowTest {
    private static Row row(double std, Precision precision, JvmRegime jvm, int threads) {
        AxisValues axes = AxisValues.NONE.with(Axes.N, 4000).with(Axes.D, 8).with(Axes.K_MAX, 4).with(Axes.CLUSTERS, 4)
                .with(Axes.CLUSTER_STD, std).with(Axes.MODE, Workload.SWEEP).with(Axes.PEER, null)
                .with(Axes.LAYOUT, Layout.ROWS).with(Axes.KERNEL, KernelChoice.of(KernelKind.GEMM))
                .with(Axes.PRECISION, precision).with(Axes.SEEDING, Seeding.SHARED)
                .with(Axes.THREADS, ThreadsChoice.of(threads)).with(Axes.JVM, jvm).with(Axes.JVM_OPTIONS, List.of());
        RunSpec spec = new RunSpec(0, 0, RunSpec.keyOf(axes, 1, null, 1, "x"), "g", Engine.CLI, "x", axes, 1, 1, null);
        return new Row(new RunRecord(spec, "m", RunOutcome.notRun(RunOutcome.Status.FAILED, "-")));
    }

    @Test
    void theSpreadIsPartOfTheSliceAndTheCellOnlyWhereItIsNotTheDefault() {
        Row plain = row(1.0, Precision.DOUBLE, JvmRegime.COLD, 1);
        Row spread = row(2.5, Precision.DOUBLE, JvmRegime.COLD, 1);
        assertEquals("sweep d=8 k_max=4", plain.slice());
        assertEquals("sweep d=8 k_max=4 std=2.5", spread.slice());
        assertEquals("blobs_n4000_d8_c4_s1/sweep_k4", plain.cell());
        assertNotEquals(plain.cell(), spread.cell());
    }

    @Test
    void theFamilyNamesEveryFamilyAxisButItsDefaultsAndNeverTheThreads() {
        assertEquals("rows-gemm", row(1.0, Precision.DOUBLE, JvmRegime.COLD, 1).family());
        assertEquals("rows-gemm", row(1.0, Precision.DOUBLE, JvmRegime.COLD, 0).family());
        assertEquals("rows-gemm-float-aot", row(1.0, Precision.FLOAT, JvmRegime.AOT, 2).family());
    }
}
