package kmlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The audit's verdict, what it failed or warned about, the noise of the repeats and the ARI per implementation. */
final class AuditSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        Audit.Result audit = in.audit();
        doc.heading(2, "Audit: " + audit.verdict());
        doc.para(switch (audit.verdict()) {
            case PASS -> "Every planned run is present once and ended ok, quality gates hold, one machine. Figures below"
                    + " may be quoted.";
            case WARN -> "Complete and correct, with the warnings below; figures may be quoted with them in mind.";
            case FAIL -> "**AUDIT FAILED: the figures below come from the runs that passed and must not be quoted as"
                    + " the grid's result.**";
        });
        List<String> items = new ArrayList<>();
        audit.failures().forEach(f -> items.add("FAIL: " + f));
        audit.warnings().forEach(w -> items.add("warning: " + w));
        audit.notes().forEach(items::add);
        Audit.Noise nz = audit.noise();
        if (nz.cells() > 0) {
            items.add(String.format("noise: spread of repeats ((max - min) / median of the time) over %d cells x"
                    + " implementations: median %s, 90th percentile %s, worst %s (%s)", nz.cells(),
                    Format.pct(nz.medianSpread()), Format.pct(nz.p90Spread()), Format.pct(nz.maxSpread()), nz.worst()));
        }
        if (!audit.medianAri().isEmpty()) {
            List<String> ari = new ArrayList<>();
            audit.medianAri().forEach((impl, a) -> ari.add(impl + " " + String.format(Locale.ROOT, "%.4f", a)));
            items.add("median ARI per implementation (fails under " + Audit.ARI_FLOOR + ", a warning more than "
                    + Audit.ARI_WARN + " under the best): "
                    + String.join(", ", ari));
        }
        doc.bullets(items);
    }
}
