package kmlab.kernel;

import kmlab.data.Matrix;

/**
 * A kernel whose nearest-centre search runs in float beside a double twin of the same family:
 * the matrix, the family and k-means++ (true distances in double) are the twin's.
 */
abstract class FloatVariant<K extends Kernel> implements Kernel {
    /** The double kernel of the same family: seeding, and the rows and sums the float search reuses. */
    protected final K doubles;

    FloatVariant(K doubles) {
        this.doubles = doubles;
    }

    @Override
    public final Matrix data() {
        return doubles.data();
    }

    @Override
    public final KernelKind kind() {
        return doubles.kind();
    }

    /** The twin's exact distances: in double, the reference's, whatever this kernel's precision. */
    @Override
    public final Measure measure(double[] centres, int k) {
        return doubles.measure(centres, k);
    }

    @Override
    public final void seedDistances(double[] candidates, int trials, double[] closest, double[][] out,
                                    double[] pots, int from, int to) {
        doubles.seedDistances(candidates, trials, closest, out, pots, from, to);
    }
}
