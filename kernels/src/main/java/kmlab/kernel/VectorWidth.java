package kmlab.kernel;

import jdk.incubator.vector.VectorShape;

/**
 * The machine's preferred vector width, asked of {@link VectorShape} alone: 0.5 ms in a fresh JVM,
 * where touching a species (DoubleVector.SPECIES_PREFERRED) loads the Vector API's class tree, 10-12
 * ms that a job run on the scalar kernel does not need.
 */
public final class VectorWidth {
    private VectorWidth() {
    }

    public static int bits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    public static int doubleLanes() {
        return bits() / Double.SIZE;
    }
}
