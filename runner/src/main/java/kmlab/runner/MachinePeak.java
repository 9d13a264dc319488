package kmlab.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.function.LongToDoubleFunction;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures this machine's limits in process with the Vector API, so that every report states each
 * kernel's fraction of the peak of the machine it ran on: FMA throughput (double and float, one
 * thread and all threads; 16 independent accumulators so latency never limits) and read bandwidth
 * from memory (a 512 MiB array, far beyond any cache). Each figure is the best of several timed
 * rounds after a warm-up that lets C2 compile the loop.
 */
final class MachinePeak {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int ACCUMULATORS = 16;
    private static final long FMA_ROUND = 50_000_000L;
    private static final int ROUNDS = 5;

    private MachinePeak() {
    }

    /** The results in GFLOP/s and GB/s, with what was measured. */
    public static Map<String, Object> measure(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads_all", threads);
        m.put("double_species", D.toString());
        m.put("float_species", F.toString());
        m.put("fma_double_gflops_1t", fmaGflops(1, MachinePeak::fmaDouble, D.length()));
        m.put("fma_double_gflops_all", fmaGflops(threads, MachinePeak::fmaDouble, D.length()));
        m.put("fma_float_gflops_1t", fmaGflops(1, MachinePeak::fmaFloat, F.length()));
        m.put("fma_float_gflops_all", fmaGflops(threads, MachinePeak::fmaFloat, F.length()));
        double[] data = new double[64 << 20]; // 512 MiB
        for (int i = 0; i < data.length; i++) {
            data[i] = i & 1023;
        }
        m.put("read_gbps_1t", readGbps(1, data));
        m.put("read_gbps_all", readGbps(threads, data));
        m.put("method", "FMA: " + ACCUMULATORS + " accumulators, 2 flops per lane per FMA; read: sum of a 512 MiB "
                + "double[] split among threads; best of " + ROUNDS + " rounds");
        return m;
    }

    private static double fmaGflops(int threads, LongToDoubleFunction kernel, int lanes) {
        kernel.applyAsDouble(FMA_ROUND / 10); // warm-up: C2 compiles the loop (OSR)
        kernel.applyAsDouble(FMA_ROUND / 10);
        double best = 0;
        for (int r = 0; r < ROUNDS; r++) {
            double seconds = parallel(threads, t -> kernel.applyAsDouble(FMA_ROUND));
            best = Math.max(best, threads * FMA_ROUND * ACCUMULATORS * lanes * 2.0 / seconds / 1e9);
        }
        return best;
    }

    private static double readGbps(int threads, double[] data) {
        int part = data.length / threads;
        double best = 0;
        for (int r = 0; r < ROUNDS + 1; r++) {
            double seconds = parallel(threads, t -> sum(data, t * part, (t + 1) * part));
            if (r > 0) { // the first round warms up
                best = Math.max(best, (double) part * threads * Double.BYTES / seconds / 1e9);
            }
        }
        return best;
    }

    /** Runs body(t) on {@code threads} threads started together; returns the slowest one's seconds. */
    private static double parallel(int threads, java.util.function.IntToDoubleFunction body) {
        CyclicBarrier start = new CyclicBarrier(threads);
        double[] seconds = new double[threads];
        double[] sink = new double[threads];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long t0 = System.nanoTime();
                sink[id] = body.applyAsDouble(id);
                seconds[id] = (System.nanoTime() - t0) / 1e9;
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double max = 0;
        for (double s : seconds) {
            max = Math.max(max, s);
        }
        if (Double.isNaN(sink[0])) { // keeps the results alive
            throw new IllegalStateException("NaN");
        }
        return max;
    }

    static double fmaDouble(long iterations) {
        DoubleVector m = DoubleVector.broadcast(D, 0.999999);
        DoubleVector c = DoubleVector.broadcast(D, 1e-7);
        DoubleVector a0 = DoubleVector.broadcast(D, 1);
        DoubleVector a1 = a0.add(1);
        DoubleVector a2 = a0.add(2);
        DoubleVector a3 = a0.add(3);
        DoubleVector a4 = a0.add(4);
        DoubleVector a5 = a0.add(5);
        DoubleVector a6 = a0.add(6);
        DoubleVector a7 = a0.add(7);
        DoubleVector a8 = a0.add(8);
        DoubleVector a9 = a0.add(9);
        DoubleVector a10 = a0.add(10);
        DoubleVector a11 = a0.add(11);
        DoubleVector a12 = a0.add(12);
        DoubleVector a13 = a0.add(13);
        DoubleVector a14 = a0.add(14);
        DoubleVector a15 = a0.add(15);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }

    static double fmaFloat(long iterations) {
        FloatVector m = FloatVector.broadcast(F, 0.999999f);
        FloatVector c = FloatVector.broadcast(F, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F, 1);
        FloatVector a1 = a0.add(1);
        FloatVector a2 = a0.add(2);
        FloatVector a3 = a0.add(3);
        FloatVector a4 = a0.add(4);
        FloatVector a5 = a0.add(5);
        FloatVector a6 = a0.add(6);
        FloatVector a7 = a0.add(7);
        FloatVector a8 = a0.add(8);
        FloatVector a9 = a0.add(9);
        FloatVector a10 = a0.add(10);
        FloatVector a11 = a0.add(11);
        FloatVector a12 = a0.add(12);
        FloatVector a13 = a0.add(13);
        FloatVector a14 = a0.add(14);
        FloatVector a15 = a0.add(15);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }

    static double sum(double[] a, int from, int to) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int l = D.length();
        int i = from;
        for (; i + 4 * l <= to; i += 4 * l) {
            s0 = s0.add(DoubleVector.fromArray(D, a, i));
            s1 = s1.add(DoubleVector.fromArray(D, a, i + l));
            s2 = s2.add(DoubleVector.fromArray(D, a, i + 2 * l));
            s3 = s3.add(DoubleVector.fromArray(D, a, i + 3 * l));
        }
        double s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }
}
