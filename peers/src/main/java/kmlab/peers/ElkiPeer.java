package kmlab.peers;

import kmlab.runs.Peer;
import elki.clustering.kmeans.AbstractKMeans;
import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
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
 * ({@code LloydKMeans}) by default, and with {@code --algorithm hamerly} or {@code elkan} ELKI's
 * {@code HamerlyKMeans} (one upper and one lower bound per point) or {@code ElkanKMeans} (k lower
 * bounds per point and the centre-centre distances); {@code elki-fast} runs Borgelt's Shallot, the
 * fastest of ELKI's exact accelerated variants. The accelerated ones skip distance computations by
 * bounds and give Lloyd's result from the same seeds. All are serial and run until no point changes
 * cluster; the JSON names the algorithm that ran.
 */
final class ElkiPeer implements Library {
    /** Makes one of ELKI's k-means algorithms for k, the iteration limit and the seeding. */
    @FunctionalInterface
    interface Algorithm {
        AbstractKMeans<NumberVector, KMeansModel> make(int k, int maxIterations, KMeansInitialization init);
    }

    /** An algorithm by the label the peer's --algorithm and JSON give it. */
    private record Variant(String label, Algorithm algorithm) {
    }

    /** {@code elki}: Lloyd by default (what the peer always ran), Hamerly or Elkan by --algorithm. */
    static final ElkiPeer ELKI = new ElkiPeer(Peer.ELKI, List.of(
            new Variant("lloyd", (k, max, init) -> new LloydKMeans<>(SquaredEuclideanDistance.STATIC, k, max, init)),
            // the last argument of each: no variance statistics (as Shallot's below)
            new Variant("hamerly",
                    (k, max, init) -> new HamerlyKMeans<>(SquaredEuclideanDistance.STATIC, k, max, init, false)),
            new Variant("elkan",
                    (k, max, init) -> new ElkanKMeans<>(SquaredEuclideanDistance.STATIC, k, max, init, false))));
    /** {@code elki-fast}: Shallot only, the peer committed results name. */
    static final ElkiPeer SHALLOT = new ElkiPeer(Peer.ELKI_FAST, List.of(new Variant("shallot",
            (k, max, init) -> new ShallotKMeans<>(SquaredEuclideanDistance.STATIC, k, max, init, false))));

    private final Peer peer;
    private final List<Variant> variants;

    private ElkiPeer(Peer peer, List<Variant> variants) {
        this.peer = peer;
        this.variants = variants;
    }

    @Override
    public List<String> algorithms() {
        return variants.stream().map(Variant::label).toList();
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
    public Loaded load(Matrix x, int threads, String label) {
        Algorithm algorithm = variants.stream().filter(v -> v.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalStateException("ELKI peer " + name() + " has no algorithm " + label))
                .algorithm();
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
