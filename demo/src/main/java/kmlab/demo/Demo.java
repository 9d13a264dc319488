package kmlab.demo;

import java.util.ArrayList;
import java.util.List;
import kmlab.data.Blobs;
import kmlab.data.Dataset;
import kmlab.data.Layout;
import kmlab.data.Matrix;
import kmlab.data.Moons;
import kmlab.fit.FitOptions;
import kmlab.fit.FitResult;
import kmlab.fit.Initialization;
import kmlab.fit.KMeans;
import kmlab.fit.KMeansPlusPlus;
import kmlab.fit.RandomInit;
import kmlab.kernel.Kernel;
import kmlab.kernel.Kernels;
import kmlab.kernel.Workers;

/**
 * The browser demo's state, plain Java (tested on the JVM, compiled by TeaVM for the page): data from
 * kmlab's generators, and fits by kmlab's one driver ({@link KMeans}, with {@link KMeansPlusPlus} or
 * {@link RandomInit} and Lloyd) over the scalar kernel on one thread, as {@code kmlab fit} runs them
 * ({@link FitOptions#DEFAULT}, the rows layout). Iteration i of a walk-through is the driver's fit
 * from the same initial centres with the iteration limit i: the same loop, stopped early, so its
 * centres are those of the full fit after i iterations and its labels those of its centres. Results
 * go to the page as JSON text, doubles as Double.toString and their exact bits.
 */
public final class Demo {
    private Dataset data;
    private Kernel kernel;
    private Workers workers;
    private int k;
    private long seed;
    private Initialization init;
    private double[] start;
    /** The iterations shown so far; 0: the initial centres. */
    private int iteration;
    private FitResult last;
    private final List<double[]> path = new ArrayList<>();

    /**
     * New data and a new fit set-up: {@code shape} moons (n, noise) or blobs (n, two features, k
     * blobs of standard deviation noise), the generator's seed, k, the initialisation (random or
     * k-means++) and its seed. Returns {@link #state}.
     */
    public String setup(String shape, int n, double noise, long dataSeed, int k, String initName, long fitSeed) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
        }
        data = switch (shape) {
            case "moons" -> Moons.generate(n, noise, dataSeed, Layout.ROWS);
            case "blobs" -> Blobs.generate(n, 2, k, noise, dataSeed, Layout.ROWS);
            default -> throw new IllegalArgumentException("unknown data '" + shape + "' (expected moons or blobs)");
        };
        kernel = Kernels.scalar(data.x());
        workers = Workers.single();
        this.k = k;
        this.seed = fitSeed;
        init = switch (initName) {
            case "random" -> RandomInit.INSTANCE;
            case "k-means++" -> KMeansPlusPlus.INSTANCE;
            default -> throw new IllegalArgumentException("unknown initialisation '" + initName
                    + "' (expected random or k-means++)");
        };
        return reset();
    }

    /** Back to the initial centres (iteration 0). */
    public String reset() {
        start = driver(FitOptions.DEFAULT).using(init).seed(k, seed);
        iteration = 0;
        last = null;
        path.clear();
        path.add(start.clone());
        return state();
    }

    /** One more iteration, unless the fit has converged (then the same state). */
    public String step() {
        if (last != null && (last.converged() || last.iterations() < iteration)) {
            return state();
        }
        iteration++;
        FitOptions o = FitOptions.DEFAULT;
        show(driver(new FitOptions(o.tol(), iteration, o.chunkRows())).fitFrom(start, k, new int[data.n()]));
        return state();
    }

    /** The whole fit, as {@code kmlab fit} runs it; every iteration's centres added to the paths. */
    public String run() {
        while (last == null || !last.converged() && last.iterations() == iteration
                && iteration < FitOptions.DEFAULT.maxIter()) {
            step();
        }
        FitResult full = driver(FitOptions.DEFAULT).fitFrom(start, k, new int[data.n()]);
        show(full);
        return state();
    }

    private void show(FitResult r) {
        last = r;
        iteration = r.iterations();
        while (path.size() > iteration) {
            path.remove(path.size() - 1);
        }
        path.add(r.centres().clone());
    }

    private KMeans driver(FitOptions options) {
        return new KMeans(kernel, workers, options);
    }

    /** The data as {@code kmlab fit} reads them: id, x0, x1, label (the generator's), six decimals as kmlab gen writes. */
    public String csv() {
        Matrix x = data.x();
        StringBuilder b = new StringBuilder(32 * (x.n() + 1));
        b.append(String.join(",", data.header())).append('\n');
        for (int i = 0; i < x.n(); i++) {
            b.append(i);
            for (int j = 0; j < x.d(); j++) {
                Blobs.appendFixed6(b.append(','), x.get(i, j));
            }
            b.append(',').append(data.labels()[i]).append('\n');
        }
        return b.toString();
    }

    /** The points, row-major x0, x1, and the generator's labels, as JSON. */
    public String points() {
        Matrix x = data.x();
        StringBuilder b = new StringBuilder("{\"points\":[");
        for (int i = 0; i < x.n(); i++) {
            b.append(i == 0 ? "" : ",").append(x.get(i, 0)).append(',').append(x.get(i, 1));
        }
        b.append("],\"truth\":[");
        for (int i = 0; i < x.n(); i++) {
            b.append(i == 0 ? "" : ",").append(data.labels()[i]);
        }
        return b.append("]}").toString();
    }

    /**
     * The fit shown: iteration, converged, inertia (null at iteration 0) as text and as the hex of
     * its bits, the labels (-1 at iteration 0), and each centre's path (k arrays of x, y per iteration).
     */
    public String state() {
        StringBuilder b = new StringBuilder("{\"iteration\":").append(iteration);
        b.append(",\"k\":").append(k).append(",\"n\":").append(data.n());
        b.append(",\"converged\":").append(last != null && last.converged());
        if (last == null) {
            b.append(",\"inertia\":null,\"inertiaBits\":null");
        } else {
            b.append(",\"inertia\":\"").append(last.inertia()).append("\",\"inertiaBits\":\"")
                    .append(Long.toHexString(Double.doubleToRawLongBits(last.inertia()))).append('"');
        }
        b.append(",\"labels\":[");
        for (int i = 0; i < data.n(); i++) {
            b.append(i == 0 ? "" : ",").append(last == null ? -1 : last.labels()[i]);
        }
        b.append("],\"paths\":[");
        int d = data.d();
        for (int c = 0; c < k; c++) {
            b.append(c == 0 ? "[" : ",[");
            for (int t = 0; t < path.size(); t++) {
                double[] centres = path.get(t);
                b.append(t == 0 ? "" : ",").append(centres[c * d]).append(',').append(centres[c * d + 1]);
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }
}
