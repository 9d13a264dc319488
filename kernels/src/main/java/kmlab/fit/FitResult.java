package kmlab.fit;

/**
 * The outcome of one fit: labels, centres (row-major k x d), inertia (sum of squared distances to
 * the assigned centre, computed exactly whatever the kernel), Lloyd iterations, whether the
 * stopping rule was met before the iteration limit, and the point-centre distances evaluated, as
 * ELKI counts them: {@code distances} in all, of which {@code seedDistances} by the seeding (0 for
 * a fit from given centres). The driver's own inertia and relocation of empty clusters, the same
 * for every algorithm, are not counted, nor distances between centres.
 */
public record FitResult(int k, int[] labels, double[] centres, double inertia, int iterations, boolean converged,
                        long seedDistances, long distances) {
    /** This fit with the distances of the seeding that found its initial centres added. */
    public FitResult seededWith(long seeding) {
        return new FitResult(k, labels, centres, inertia, iterations, converged, seedDistances + seeding,
                distances + seeding);
    }
}
