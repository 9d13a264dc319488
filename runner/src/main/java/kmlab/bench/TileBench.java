package kmlab.bench;

import java.util.concurrent.TimeUnit;
import kmlab.data.Blobs;
import kmlab.data.Layout;
import kmlab.data.RowMatrix;
import kmlab.kernel.GemmTile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast is the gemm kernel's FMA tile alone? One pass of the kernel's own 4 points x 4
 * centre-vector tile ({@link GemmTile}) over n rows read in place, on one thread: the FMAs and the
 * tile's merge into its lane slots, without the horizontal step, the near-tie check and the update
 * sums that complete an assignment pass ({@code KernelBench.assign -p kernel=gemm -p layout=rows}
 * times the whole pass). 2 n k d flops a pass, as the assignment pass; the centres are rows q n / k
 * (q = 0..k-1) of the shuffled blobs. It replaces results/kernels/probes/TileProbe.java, which timed
 * a copy of the tile (see results/kernels/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {KernelBench.VECTOR_MODULE, KernelBench.HEAP})
public class TileBench {
    @Param({"262144"})
    public int n;

    @Param({"32"})
    public int d;

    /** Centres: a multiple of 4 vectors' lanes (32 with 8 lanes), so that the tile fills every block. */
    @Param({"32"})
    public int k;

    /** The blobs' seed. */
    @Param({"42"})
    public long seed;

    GemmTile tile;

    @Setup(Level.Trial)
    public void setup() {
        RowMatrix m = (RowMatrix) Blobs.generate(n, d, k, seed, Layout.ROWS).x();
        double[] centres = new double[k * d];
        for (int q = 0; q < k; q++) {
            m.copyRow(q * (n / k), centres, q * d);
        }
        tile = new GemmTile(m, centres, k);
    }

    @Benchmark
    public double tile() {
        return tile.pass();
    }
}
