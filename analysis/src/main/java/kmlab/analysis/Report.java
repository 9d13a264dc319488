package kmlab.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything derived from an audited results folder, as a document and its plots: the sections in
 * order, each one class (the audit, the machine, the answer, per implementation, paired ratios, fixed
 * costs, the crossover, the thread sweep, the top cell, JMH kernels, how to reproduce it). The
 * published study's figures the sections set beside kmlab's are in {@link WriteupFigures}.
 */
final class Report {
    private static final List<Section> SECTIONS = List.of(new AuditSection(), new MachineSection(),
            new AnswerSection(), new ImplementationsSection(), new PairedSection(), new FixedCostsSection(),
            new CrossoverSection(), new ThreadSweepSection(), new TopCellSection(), new IterationsSection(),
            new DistancesSection(), new JmhSection(),
            new ReproduceSection(), new DemoSection());

    private final ReportInput in;
    private final Charts charts;
    final Doc doc = new Doc();

    Report(ResultsFolder folder, Audit.Result audit, Path plots) throws IOException {
        this.in = ReportInput.of(folder, audit);
        this.charts = new Charts(plots);
    }

    List<Crossover.Curve> curves() {
        return in.curves();
    }

    Paired paired() {
        return in.paired();
    }

    void build() throws IOException {
        doc.heading(1, "kmlab report: grid `" + in.folder().grid() + "`");
        for (Section s : SECTIONS) {
            if (s.applies(in)) {
                s.write(in, doc, charts);
            }
        }
    }
}
