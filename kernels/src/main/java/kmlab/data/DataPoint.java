package kmlab.data;

/** One row in the boxed layout, as the writeup's Rust program stores it. */
public record DataPoint(String id, double[] features) {
}
