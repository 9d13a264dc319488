package kmlab.runs;

/** How a grid's runs are measured. */
public enum Engine {
    /** A fresh process per run, end to end (the writeup's method). */
    CLI,
    /** Steady-state JMH kernel timing. */
    JMH;

    public String label() {
        return kmlab.util.Labels.of(this);
    }
}
