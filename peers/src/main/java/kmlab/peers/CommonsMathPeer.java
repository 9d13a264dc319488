package kmlab.peers;

import kmlab.runs.Peer;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kmlab.data.Matrix;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer.EmptyClusterStrategy;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Apache Commons Math's {@code KMeansPlusPlusClusterer}: a point object per row (the library's
 * design, and the writeup's boxed layout), k-means++ with one candidate per centre, Lloyd until no
 * point changes cluster, serial. Empty clusters take the farthest point, as in kmlab.
 */
final class CommonsMathPeer implements Library {
    @Override
    public Peer peer() {
        return Peer.COMMONS_MATH;
    }

    @Override
    public String library() {
        return "commons-math3";
    }

    @Override
    public Loaded load(Matrix x, int threads, String algorithm) {
        double[][] rows = Rows.of(x);
        List<IndexedPoint> points = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            points.add(new IndexedPoint(i, rows[i]));
        }
        return new Loaded() {
            @Override
            public PeerFit fit(int k, long seed) {
                var clusterer = new KMeansPlusPlusClusterer<IndexedPoint>(k, MAX_ITERATIONS, new EuclideanDistance(),
                        new MersenneTwister(seed), EmptyClusterStrategy.FARTHEST_POINT);
                WalkCount<IndexedPoint> walked = new WalkCount<>(points);
                List<CentroidCluster<IndexedPoint>> clusters = clusterer.cluster(walked);
                int[] labels = new int[points.size()];
                double[][] centres = new double[clusters.size()][];
                for (int c = 0; c < clusters.size(); c++) {
                    centres[c] = clusters.get(c).getCenter().getPoint();
                    for (IndexedPoint p : clusters.get(c).getPoints()) {
                        labels[p.index()] = c;
                    }
                }
                int iterations = walked.walks - 1; // the first walk assigns to the seeds
                return new PeerFit(labels, centres, iterations, iterations < MAX_ITERATIONS, null);
            }

            @Override
            public int threadsUsed() {
                return 1;
            }
        };
    }

    /** A row that remembers its index, so that clusters of points can be turned back into labels. */
    record IndexedPoint(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }

    /**
     * The points, counting how often the clusterer walks them: it copies them once for seeding
     * (toArray) and walks them once per assignment pass, so walks - 1 is its Lloyd iterations, which
     * it does not report.
     */
    static final class WalkCount<T> extends AbstractCollection<T> {
        private final List<T> points;
        int walks;

        WalkCount(List<T> points) {
            this.points = points;
        }

        @Override
        public Iterator<T> iterator() {
            walks++;
            return points.iterator();
        }

        @Override
        public int size() {
            return points.size();
        }

        @Override
        public Object[] toArray() {
            return points.toArray();
        }
    }
}
