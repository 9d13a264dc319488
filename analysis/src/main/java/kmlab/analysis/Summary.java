package kmlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Per implementation, over its audited runs: the writeup's per-implementation figures and more. */
public record Summary(String implementation, int runs, double medianWall, double medianThroughput,
                      double rssSampledPer1k, double rssExactPer1k, double medianAri, double meanAri,
                      double start, double setup, double read, double fit, double write) {

    public static List<Summary> of(List<Row> usable, List<String> order) {
        List<Summary> out = new ArrayList<>();
        for (String impl : order) {
            List<Row> r = usable.stream().filter(x -> x.implementation().equals(impl) && !x.jmh()).toList();
            if (r.isEmpty()) {
                continue;
            }
            out.add(new Summary(impl, r.size(), med(r, Row::wall),
                    med(r, x -> (double) x.n() * x.fits() / x.wall()),
                    med(r, x -> x.rssPeak() / 1e6 / (x.n() / 1e3)), med(r, x -> x.rssExact() / 1e6 / (x.n() / 1e3)),
                    med(r, Row::ari), Stats.mean(values(r, Row::ari)), med(r, Row::start), med(r, Row::setup),
                    med(r, Row::read), med(r, Row::fit), med(r, Row::write)));
        }
        return out;
    }

    /**
     * The sentence a report adds where some of its runs' sampled RSS is the rusage peak instead
     * ({@link Row#rssPeak}), else the empty string.
     */
    static String rusageStandIns(List<Row> rows) {
        long n = rows.stream().filter(Row::rssFromRusage).count();
        return n == 0 ? "" : String.format(" %d run%s ended before the first RSS poll: for %s, the sampled RSS shown"
                + " is the kernel's peak of the finished process instead (wait4's rusage).", n, n == 1 ? "" : "s",
                n == 1 ? "it" : "them");
    }

    static double med(List<Row> rows, ToDoubleFunction<Row> f) {
        return Stats.median(values(rows, f));
    }

    /** The values that exist (a peer may have no phase, a run no ARI). */
    static double[] values(List<Row> rows, ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray();
    }
}
