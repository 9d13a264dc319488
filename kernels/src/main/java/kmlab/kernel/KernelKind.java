package kmlab.kernel;

import java.util.Locale;

/** The families of distance kernels. */
public enum KernelKind {
    /** Plain loops, the reference every other kernel is tested against. */
    SCALAR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KernelKind parse(String s) {
        for (KernelKind k : values()) {
            if (k.label().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kernel '" + s + "'");
    }
}
