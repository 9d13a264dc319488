package kmlab.runner;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that any JVM can run it far enough to say, in one
 * line, what it needs: a JDK >= 21 and the incubating Vector API module. Everything else lives in
 * {@link Main}, compiled for the project's release.
 */
public final class Launch {
    private static final String HOW = "start it as: java --add-modules jdk.incubator.vector -jar runner.jar ..."
            + " (or ./kmlab ..., which finds a suitable JDK)";

    private Launch() {
    }

    /**
     * System property holding {@link System#nanoTime()} at the entry of main, for phase timing: the
     * name of {@code kmlab.job.ProcessStats.ENTRY_NANOS}, written out because this class is compiled
     * for Java 8 and cannot link against the library.
     */
    public static final String ENTRY_NANOS = "kmlab.entry.nanos";

    public static void main(String[] args) throws Throwable {
        System.setProperty(ENTRY_NANOS, Long.toString(System.nanoTime()));
        String spec = System.getProperty("java.specification.version", "0");
        int feature = spec.startsWith("1.") ? Integer.parseInt(spec.substring(2)) : Integer.parseInt(spec.split("\\.")[0]);
        if (feature < 21) {
            System.err.println("kmlab: needs a JDK >= 21, this is Java " + spec + " at "
                    + System.getProperty("java.home") + "; " + HOW);
            System.exit(2);
        }
        // fit runs without the module where all its fits are scalar (a faster start; it starts a JVM
        // with the module itself when a fit needs a vector kernel); every other command needs it
        if (!(args.length > 0 && "fit".equals(args[0]))) {
            try {
                Class.forName("jdk.incubator.vector.DoubleVector", false, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException e) {
                System.err.println("kmlab: the Vector API module is not loaded; " + HOW);
                System.exit(2);
            }
        }
        try {
            Class.forName("kmlab.runner.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
