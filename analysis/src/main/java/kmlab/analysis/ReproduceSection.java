package kmlab.analysis;

/** How to run the grid again and regenerate this report, and where the tables and plots are. */
final class ReproduceSection implements Section {
    @Override
    public void write(ReportInput in, Doc doc, Charts charts) {
        ResultsFolder folder = in.folder();
        doc.heading(2, "Reproduce");
        doc.para("At commit `" + folder.commit() + "`, from the repository root: `./kmlab run grids/" + folder.grid()
                + ".yaml --out " + folder.dir() + "` (the grid as run is kept in the folder as `grid.yaml`), which ends by"
                + " writing this report; `./kmlab analyze " + folder.dir() + "` regenerates it from the recorded runs."
                + " Tables as CSV: `tables/`; plots as PNG and SVG: `plots/`.");
    }
}
