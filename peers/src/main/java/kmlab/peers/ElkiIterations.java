package kmlab.peers;

import elki.logging.Logging;
import elki.logging.LoggingConfiguration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ELKI's k-means reports its iteration count only as a logged statistic ("...iterations: N"). This
 * handler takes ELKI's k-means log over (else its console handler would print statistics on
 * stdout, where the JSON goes), keeps that number, and passes warnings on to stderr.
 */
final class ElkiIterations extends Handler {
    private static final String LOGGER = "elki.clustering.kmeans";
    private static final Pattern ITERATIONS = Pattern.compile("\\.iterations: (\\d+)$");
    private static final ElkiIterations INSTANCE = new ElkiIterations();
    private static Logger installed; // held: java.util.logging keeps loggers only weakly
    private volatile int last = -1;

    private ElkiIterations() {
    }

    static synchronized void install() {
        if (installed != null) {
            return;
        }
        LoggingConfiguration.assertConfigured(); // ELKI resets java.util.logging once, first: not after us
        installed = Logger.getLogger(LOGGER);
        installed.setUseParentHandlers(false);
        installed.setLevel(Logging.Level.STATISTICS);
        installed.addHandler(INSTANCE);
    }

    /** The iterations of the last k-means run, or -1 if it logged none. */
    static int last() {
        return INSTANCE.last;
    }

    @Override
    public void publish(LogRecord record) {
        Matcher m = ITERATIONS.matcher(record.getMessage());
        if (m.find()) {
            last = Integer.parseInt(m.group(1));
        } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            System.err.println("ELKI: " + record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
