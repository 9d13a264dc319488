package kmlab.job;

/**
 * Thrown before a job reads its input when it will run a vector kernel and this JVM lacks the
 * Vector API module (a fit started without it, as the launcher starts a scalar-sized one): the
 * command then runs itself again in a JVM with the module. Nothing has been read or written.
 */
public final class VectorModuleNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VectorModuleNeeded(String why) {
        super(why, null, false, false);
    }
}
