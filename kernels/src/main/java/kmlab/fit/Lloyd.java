package kmlab.fit;

/** Lloyd's algorithm: every row measured against every centre in every iteration, by the kernel. */
public final class Lloyd implements Algorithm {
    public static final Lloyd INSTANCE = new Lloyd();

    private Lloyd() {
    }

    @Override
    public String label() {
        return "lloyd";
    }

    @Override
    public Instance start(KMeans driver, int k) {
        return new AssignPass(driver.kernel(), driver.workers(), driver.chunks(), k);
    }
}
