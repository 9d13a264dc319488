package kmlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many point-centre distances each implementation evaluated, as ELKI counts them: pruning is
 * measured, not inferred. Per slice and n, the median over repeats of the run's count (seeding
 * included), as a share of n x the summed k x (iterations + 1), what Lloyd evaluates with plain
 * seeding's passes left out. Written where some run counted.
 */
final class DistancesSection implements Section {
    @Override
    public boolean applies(ReportInput in) {
        return in.cli().stream().anyMatch(r -> r.ok() && !Double.isNaN(r.distances()));
    }

    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        doc.heading(2, "Distance computations");
        doc.para("Point-centre distances evaluated per run, seeding included (median over repeats, in millions),"
                + " and in brackets as a share of n x the sum over fits of k x (iterations + 1): what Lloyd's passes"
                + " evaluate, seeding left out. An exact accelerated algorithm gives Lloyd's fit with fewer.");
        Map<String, List<Row>> bySetting = in.bySetting(r -> r.ok() && !Double.isNaN(r.distances()));
        List<String> impls = in.folder().implementationOrder().stream()
                .filter(i -> bySetting.values().stream().flatMap(List::stream).anyMatch(r -> r.implementation().equals(i)))
                .toList();
        List<String> header = new ArrayList<>(List.of("setting"));
        impls.forEach(i -> header.add("`" + i + "`"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : bySetting.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey()));
            for (String impl : impls) {
                List<Row> mine = e.getValue().stream().filter(r -> r.implementation().equals(impl)).toList();
                row.add(mine.isEmpty() ? "-" : Format.num(Summary.med(mine, Row::distances) / 1e6) + " ("
                        + Format.num(Summary.med(mine, r -> r.distances() / lloydPairs(r))) + ")");
            }
            rows.add(row);
        }
        doc.table(header, rows);
    }

    /** n x the sum over the run's fits of k x (iterations + 1): Lloyd's assignment passes, the last one included. */
    private static double lloydPairs(Row r) {
        return (double) r.n() * r.kIterations();
    }
}
