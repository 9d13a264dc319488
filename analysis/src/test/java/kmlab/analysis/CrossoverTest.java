package kmlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossoverTest {
    @TempDir
    Path dir;

    private static List<Crossover.Point> points(double[][] nLowHigh) {
        List<Crossover.Point> out = new ArrayList<>();
        for (double[] p : nLowHigh) {
            out.add(new Crossover.Point((int) p[0], new Stats.Estimate((p[1] + p[2]) / 2, p[1], p[2], 3)));
        }
        return out;
    }

    @Test
    void nStarIsWhereTheIntervalStaysAboveOne() {
        assertEquals(4000, Crossover.nStar(points(new double[][] {
            {1000, 0.7, 0.9}, {2000, 0.9, 1.1}, {4000, 1.05, 1.2}, {8000, 1.3, 1.5}})));
    }

    @Test
    void anIntervalTouchingOneIsNotACrossover() {
        assertEquals(8000, Crossover.nStar(points(new double[][] {{4000, 1.0, 1.2}, {8000, 1.01, 1.2}})));
    }

    @Test
    void noCrossoverWhenTheLargestNIsNotAboveOne() {
        assertNull(Crossover.nStar(points(new double[][] {{1000, 1.2, 1.4}, {2000, 1.1, 1.3}, {4000, 0.95, 1.3}})));
    }

    @Test
    void aDipBackUnderOneMovesNStarPastIt() {
        assertEquals(8000, Crossover.nStar(points(new double[][] {
            {1000, 0.5, 0.7}, {2000, 1.2, 1.4}, {4000, 0.8, 0.99}, {8000, 1.1, 1.3}, {16000, 1.4, 1.6}})));
    }

    @Test
    void curvesPairEachParallelImplementationWithItsSerialTwin() throws Exception {
        Synthetic.Impl boxed1 = Synthetic.Impl.kmlab("boxed-1", "boxed", "scalar", 1);
        Synthetic.Impl boxed2 = Synthetic.Impl.kmlab("boxed-2", "boxed", "scalar", 2);
        Synthetic.Impl rows1 = Synthetic.Impl.kmlab("rows-1", "rows", "gemm", 1);
        Synthetic.Impl rowsAll = Synthetic.Impl.kmlab("rows-all", "rows", "gemm", 0);
        // parallel pays a fixed 0.2 s and halves the rest; boxed does 4x the work of rows; noise +-2%
        Synthetic s = new Synthetic().grid(List.of(1000, 2000, 4000, 8000, 16000, 32000),
                List.of(boxed1, boxed2, rows1, rowsAll), 5, (impl, n, r) -> {
                    double work = (impl.layout().equals("boxed") ? 4e-5 : 1e-5) * n;
                    double t = impl.threads() == 1 ? work : 0.2 + work / 2;
                    return 0.3 + t * (1 + 0.02 * (r - 3));
                });
        ResultsFolder f = ResultsFolder.read(s.write(dir));
        List<Crossover.Curve> curves = Crossover.curves(f.rows(), new Paired(f.rows()));
        assertEquals(2, curves.size());
        Crossover.Curve boxed = curves.stream().filter(c -> c.family().equals("boxed-scalar")).findFirst().orElseThrow();
        Crossover.Curve rows = curves.stream().filter(c -> c.family().equals("rows-gemm")).findFirst().orElseThrow();
        assertEquals("boxed-1", boxed.serial());
        assertEquals("rows-1", rows.serial());
        // boxed: 4e-5 n / 2 > 0.2 from n > 10,000 (with the noise, 16,000 is the first n clearly above)
        assertEquals(16000, boxed.nStar());
        // rows: 1e-5 n / 2 > 0.2 from n > 40,000: never within 32,000
        assertNull(rows.nStar());
        assertEquals(6, boxed.points().size());
        assertTrue(boxed.enoughRepeats());
    }

    @Test
    void aCurveWithFewerThanFivePairsAtAnyNHasNoNStar() throws Exception {
        // clearly faster at every n, but 4 repeats: no interval, so no n* and the report says why
        Synthetic s = new Synthetic().grid(List.of(1000, 2000, 4000), List.of(Synthetic.Impl.kmlab("rows-1", "rows", "gemm", 1),
                Synthetic.Impl.kmlab("rows-all", "rows", "gemm", 0)), 4, (impl, n, r) -> (impl.threads() == 1 ? 2.0 : 1.0)
                * (1 + 0.01 * r));
        ResultsFolder f = ResultsFolder.read(s.write(dir));
        Crossover.Curve c = Crossover.curves(f.rows(), new Paired(f.rows())).getFirst();
        assertEquals(4, c.fewestPairs());
        assertFalse(c.enoughRepeats());
        assertNull(c.nStar());
        assertEquals("unknown (not enough repeats: 4 pairs)", ReportInput.nStar(c));
        assertTrue(Format.ratio(c.atLargest()).endsWith("(not enough repeats: 4 pairs)"), Format.ratio(c.atLargest()));
        // a point without an interval among points clearly above 1
        assertNull(Crossover.nStar(List.of(new Crossover.Point(1000, new Stats.Estimate(2, Double.NaN, Double.NaN, 3)),
                new Crossover.Point(2000, new Stats.Estimate(2, 1.9, 2.1, 5)))));
    }
}
