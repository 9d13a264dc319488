package kmlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one place that knows the vector width: whether this JVM has the Vector API, its preferred
 * width, the lanes of each precision, and (in {@link Species}) the species every vector kernel
 * computes with. A fresh JVM without the incubator module starts in 25 ms here instead of 44, and
 * only without it does the JDK's AOT cache keep the module graph and linked call sites (a 1,000-row
 * job: 87 ms wall instead of 154), so a job whose fits all run the scalar kernel runs without it.
 * The width is asked of {@link VectorShape} alone (0.5 ms), where touching a species
 * (DoubleVector.SPECIES_PREFERRED) loads the Vector API's class tree, 10-12 ms that a scalar job
 * does not need: the species live in a class of their own, loaded by the vector kernels only.
 */
public final class VectorWidth {
    /** The module's name, as {@code --add-modules} takes it. */
    public static final String MODULE = "jdk.incubator.vector";
    /** The lanes the rules assume where the module is absent: 512-bit, the most a JVM here offers. */
    static final int ASSUMED_DOUBLE_LANES = 8;
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule(MODULE).isPresent();

    private VectorWidth() {
    }

    /** Whether the Vector API module is in this JVM's boot layer (the vector kernels can run). */
    public static boolean available() {
        return AVAILABLE;
    }

    public static int bits() {
        return AVAILABLE ? preferredBits() : ASSUMED_DOUBLE_LANES * Double.SIZE;
    }

    public static int doubleLanes() {
        return lanes(Precision.DOUBLE);
    }

    /** Lanes of a preferred-width vector of {@code p}: what {@link Species#of}'s length is. */
    public static int lanes(Precision p) {
        return bits() / p.bits();
    }

    // its own method, so that a JVM without the module never links VectorShape
    private static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /** The preferred species, for the vector kernels (static finals, constants to C2). */
    static final class Species {
        static final VectorSpecies<Double> DOUBLE = DoubleVector.SPECIES_PREFERRED;
        static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED;

        private Species() {
        }

        static VectorSpecies<?> of(Precision p) {
            return p == Precision.DOUBLE ? DOUBLE : FLOAT;
        }
    }
}
