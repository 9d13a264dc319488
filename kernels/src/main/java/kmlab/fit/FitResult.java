package kmlab.fit;

/**
 * The outcome of one fit: labels, centres (row-major k x d), inertia (sum of squared distances to
 * the assigned centre, computed exactly whatever the kernel), Lloyd iterations, and whether the
 * stopping rule was met before the iteration limit.
 */
public record FitResult(int k, int[] labels, double[] centres, double inertia, int iterations, boolean converged) {
}
