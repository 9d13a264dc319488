package kmlab.grid;
import java.nio.file.*; import java.util.*;
public class SpawnCost {
    public static void main(String[] a) throws Exception {
        Path dir = Files.createTempDirectory("sp");
        List<String> cmd = List.of(a[0]);
        for (int round = 0; round < 3; round++) {
            for (boolean on : new boolean[] {true, false}) {
                RusageExec.enabled = on;
                double[] w = new double[200]; double[] outer = new double[200];
                for (int i = 0; i < w.length; i++) {
                    long t = System.nanoTime();
                    w[i] = ChildRun.execute(cmd, 30, 10, dir).wall();
                    outer[i] = (System.nanoTime() - t) / 1e9;
                }
                Arrays.sort(w); Arrays.sort(outer);
                System.out.printf("round %d rusage-exec %-5s: recorded wall median %.3f ms; execute() call median %.3f ms%n", round, on, w[100] * 1e3, outer[100] * 1e3);
            }
        }
    }
}
