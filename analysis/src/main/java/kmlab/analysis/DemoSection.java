package kmlab.analysis;

/** The link to the browser demo, which {@link Analysis} writes beside the report ({@code demo/}). */
final class DemoSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        doc.heading(2, "Live demo");
        doc.para("[demo/index.html](demo/index.html): kmlab's own k-means in the browser, the one driver with"
                + " k-means++ or a random start and Lloyd over the scalar kernel, compiled to JavaScript by TeaVM"
                + " from the sources `kmlab fit` runs. Two moons or blobs, step by step or to convergence; the"
                + " walk-through is the writeup's: two moons, a random start that bisects them, then k-means++."
                + " It opens from the file, without a server or network (`./kmlab demo --out DIR` writes it anywhere).");
    }
}
