package kmlab.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kmlab.data.Layout;
import kmlab.util.Labels;

/**
 * The families of distance kernels, each declared once, here: its name, its help line, the
 * precisions it has, the layouts it reads in place (every family reads every layout; the others it
 * gathers chunk by chunk), whether it needs the Vector API, whether its nearest-centre search holds
 * centres in lanes, and its cost model. The CLI help, the JMH parameters, the warm-up and auto read them; the implementations
 * are made by {@link Kernels#create}.
 */
public enum KernelKind {
    SCALAR("plain loops, the reference", EnumSet.of(Precision.DOUBLE),
            EnumSet.of(Layout.BOXED, Layout.BOXED_SCATTERED, Layout.ROWS), false, false, new Cost(5.4e-9, 3.4e-9, 0, 0)),
    SIMD("Vector API with points in lanes, sum of (x-c)^2", EnumSet.allOf(Precision.class), EnumSet.of(Layout.COLUMNS),
            true, false, new Cost(1.9e-9, 1.1e-9, Cost.NEVER, Cost.NEVER)),
    GEMM("Vector API with centres in lanes, |c|^2 - 2x.c, register-tiled", EnumSet.allOf(Precision.class),
            EnumSet.of(Layout.ROWS), true, true, new Cost(1.6e-9, 1.2e-9, 1L << 26, 1L << 15));

    /**
     * A family's cost model. The rates are seconds per row x feature x centre, summed over a job's
     * fits, on one thread and on more: a least-squares fit to the 972 runs of results/full on the
     * 2-core machine, whose other terms (JVM start, per fit, per value read and written) are the
     * dry-run estimate's. The break-evens are products per pass from which auto prefers the family to
     * the scalar reference, at 8 double lanes (scaled by 8 / lanes, the family's advantage being
     * proportional to its lanes): {@code jobFrom8Lanes} summed over a job's fits (n x d x the sum of
     * its k; below it the JIT warm-up of its code does not pay back) and {@code fitFrom8Lanes} for
     * one fit (n x d x k; below it the per-pass set-up dominates). 0 for the reference itself;
     * {@link #NEVER} where nothing was measured: auto then never runs the family. gemm's, measured on
     * the Intel Xeon (2 vCPU, 512-bit), fresh JVMs, sweeps to k_max 8: the scalar kernel beat gemm end
     * to end at 16k x 32 (0.35 against 0.55 s; 1.8e7 products) and matched it up to 128k x 8 (3.7e7);
     * gemm's warm-up is ~0.3 s of a core (C2 and the warm-up thread) before it pays.
     */
    public record Cost(double oneThread, double threads, long jobFrom8Lanes, long fitFrom8Lanes) {
        /** A break-even never reached. */
        public static final long NEVER = Long.MAX_VALUE;

        /** Seconds per row x feature x centre of a pass, on one thread or on more. */
        public double secondsPerUnit(boolean parallel) {
            return parallel ? threads : oneThread;
        }

        /** {@code jobFrom8Lanes} at {@code doubleLanes} lanes. */
        public long jobFrom(int doubleLanes) {
            return scaled(jobFrom8Lanes, doubleLanes);
        }

        /** {@code fitFrom8Lanes} at {@code doubleLanes} lanes. */
        public long fitFrom(int doubleLanes) {
            return scaled(fitFrom8Lanes, doubleLanes);
        }

        /**
         * Below this many double lanes (128-bit vectors) auto never takes a vector family: HotSpot 25
         * does not intrinsify the compares and blends of 2-lane double vectors (x86, -XX:MaxVectorSize=16,
         * with AVX2 or AVX-512: VectorSupport::compare and ::blend "failed to inline (intrinsic)"), so
         * the double kernels box every vector, 17-250 MB a pass where they allocate nothing at 256 and
         * 512 bits (AllocationTest). They still give the reference's result when named.
         */
        public static final int MIN_DOUBLE_LANES = 4;

        private static long scaled(long from8Lanes, int doubleLanes) {
            if (from8Lanes == NEVER || from8Lanes > 0 && doubleLanes < MIN_DOUBLE_LANES) {
                return NEVER;
            }
            return from8Lanes * 8 / Math.max(1, doubleLanes);
        }
    }

    private final String help;
    private final Set<Precision> precisions;
    private final Set<Layout> nativeLayouts;
    private final boolean vectorApi;
    private final boolean centresInLanes;
    private final Cost cost;

    KernelKind(String help, Set<Precision> precisions, Set<Layout> nativeLayouts, boolean vectorApi,
               boolean centresInLanes, Cost cost) {
        this.help = help;
        this.precisions = Collections.unmodifiableSet(precisions);
        this.nativeLayouts = Collections.unmodifiableSet(nativeLayouts);
        this.vectorApi = vectorApi;
        this.centresInLanes = centresInLanes;
        this.cost = cost;
    }

    /** Its name, as {@code --kernel}, grids and results spell it. */
    public String label() {
        return Labels.of(this);
    }

    /** What it is, in a few words (the CLI help). */
    public String help() {
        return help;
    }

    /** The precisions of its nearest-centre search. */
    public Set<Precision> precisions() {
        return precisions;
    }

    public boolean supports(Precision p) {
        return precisions.contains(p);
    }

    /** The precision a fit asking for {@code asked} runs: that one if the family has it, else double (the reference's). */
    public Precision precisionFor(Precision asked) {
        return supports(asked) ? asked : Precision.DOUBLE;
    }

    /** The layouts it reads in place; the others cost it a gather per chunk. */
    public Set<Layout> nativeLayouts() {
        return nativeLayouts;
    }

    public boolean readsNatively(Layout layout) {
        return nativeLayouts.contains(layout);
    }

    /** Whether it needs the Vector API module. */
    public boolean needsVectorModule() {
        return vectorApi;
    }

    /**
     * Centres one vector of its nearest-centre search holds: the lanes of {@code p} where centres are
     * in lanes (gemm), else 1. Its code takes a new path when k first needs one more such vector.
     */
    public int centresPerVector(Precision p) {
        return centresInLanes ? VectorWidth.lanes(p) : 1;
    }

    public Cost cost() {
        return cost;
    }

    /** Seconds per row x feature x centre of a pass on one thread or on more: {@link Cost#secondsPerUnit}. */
    public double secondsPerUnit(boolean parallel) {
        return cost.secondsPerUnit(parallel);
    }

    /** The families that have {@code p}, in declaration order. */
    public static List<KernelKind> supporting(Precision p) {
        List<KernelKind> out = new ArrayList<>();
        for (KernelKind k : values()) {
            if (k.supports(p)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The labels of the families that have {@code p}, as a sentence lists them: "gemm", "simd and gemm", ... */
    public static String supportingInWords(Precision p) {
        return inWords(supporting(p), " and ");
    }

    /**
     * Labels as a sentence lists them, {@code last} before the last one ("a", "a and b", "a, b and c").
     * Loops, not streams: fit's help text is built in every fit's start-up, where each lambda spins a class.
     */
    static String inWords(List<KernelKind> kinds, String last) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kinds.size(); i++) {
            b.append(i == 0 ? "" : i == kinds.size() - 1 ? last : ", ").append(kinds.get(i).label());
        }
        return b.toString();
    }

    /** Why {@code p} cannot run on this family, naming those that have it. */
    public String lacks(Precision p) {
        return p.label() + " precision exists for the " + supportingInWords(p) + " kernels, not " + label();
    }

    public static KernelKind parse(String s) {
        return Labels.parse(KernelKind.class, s, "kernel");
    }
}
