package kmlab.peers;

import kmlab.runs.Peer;
import elki.clustering.kmeans.AbstractKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.ShallotKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.ids.DBIDUtil;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import java.util.List;
import kmlab.data.Matrix;

/**
 * ELKI's k-means, seeded by its {@code KMeansPlusPlus}: {@code elki} runs the plain Lloyd algorithm
 * ({@code LloydKMeans}), {@code elki-fast} Borgelt's Shallot, the fastest of ELKI's exact
 * accelerated variants (bounds skip most distance computations; same result as Lloyd's from the
 * same seeds). Both are serial and run until no point changes cluster.
 */
final class ElkiPeer implements Library {
    /** Makes one of ELKI's k-means algorithms for k, the iteration limit and the seeding. */
    @FunctionalInterface
    interface Algorithm {
        AbstractKMeans<NumberVector, KMeansModel> make(int k, int maxIterations, KMeansInitialization init);
    }

    static final ElkiPeer LLOYD = new ElkiPeer(Peer.ELKI,
            (k, max, init) -> new LloydKMeans<>(SquaredEuclideanDistance.STATIC, k, max, init));
    static final ElkiPeer SHALLOT = new ElkiPeer(Peer.ELKI_FAST,
            (k, max, init) -> new ShallotKMeans<>(SquaredEuclideanDistance.STATIC, k, max, init, false));

    private final Peer peer;
    private final Algorithm algorithm;

    private ElkiPeer(Peer peer, Algorithm algorithm) {
        this.peer = peer;
        this.algorithm = algorithm;
    }

    @Override
    public Peer peer() {
        return peer;
    }

    @Override
    public String library() {
        return "elki";
    }

    @Override
    public Loaded load(Matrix x, int threads) {
        ElkiIterations.install();
        double[][] rows = Rows.of(x);
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
        db.initialize();
        Relation<NumberVector> relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        DBIDRange ids = DBIDUtil.assertRange(relation.getDBIDs());
        return new Loaded() {
            @Override
            public PeerFit fit(int k, long seed) {
                if (k == 1) {
                    return PeerFit.oneCluster(rows); // ELKI's k-means++ always picks a second centre
                }
                TimedSeeding seeding = new TimedSeeding(new KMeansPlusPlus<>(new RandomFactory(seed)));
                Clustering<KMeansModel> result = algorithm.make(k, MAX_ITERATIONS, seeding).run(relation);
                int iterations = ElkiIterations.last();
                List<Cluster<KMeansModel>> clusters = result.getAllClusters();
                int[] labels = new int[ids.size()];
                double[][] centres = new double[clusters.size()][];
                for (int c = 0; c < clusters.size(); c++) {
                    centres[c] = clusters.get(c).getModel().getMean();
                    for (DBIDIter it = clusters.get(c).getIDs().iter(); it.valid(); it.advance()) {
                        labels[ids.getOffset(it)] = c;
                    }
                }
                return new PeerFit(labels, centres, iterations, iterations < MAX_ITERATIONS, seeding.seconds);
            }

            @Override
            public int threadsUsed() {
                return 1;
            }
        };
    }

    /** ELKI's seeding, timed apart from Lloyd (ELKI lets the seeding be any object of this interface). */
    private static final class TimedSeeding implements KMeansInitialization {
        private final KMeansInitialization seeding;
        Double seconds;

        TimedSeeding(KMeansInitialization seeding) {
            this.seeding = seeding;
        }

        @Override
        public double[][] chooseInitialMeans(Relation<? extends NumberVector> relation, int k,
                                             elki.distance.NumberVectorDistance<?> distance) {
            long t0 = System.nanoTime();
            double[][] means = seeding.chooseInitialMeans(relation, k, distance);
            seconds = (System.nanoTime() - t0) / 1e9;
            return means;
        }
    }
}
