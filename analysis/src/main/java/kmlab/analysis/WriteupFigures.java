package kmlab.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published study's figures that the report sets beside kmlab's, read once from the resource
 * {@code writeup-figures.tsv} beside this class (which says where each comes from).
 *
 * @param topCellN the writeup's largest cell: its rows
 * @param topCellD its features
 * @param topCellKMax its k_max
 * @param topCellMode its workload mode
 * @param topCellRows one row per writeup implementation at that cell: its name, wall s, sampled RSS MB
 * @param paired the writeup's paired speedup over its Python, by the peer that twins each of its
 *     programs ({@code rust}, {@code rust-par}, {@code sklearn})
 * @param rayonBest the best speedup of the writeup's Rayon path over its serial Rust
 * @param rayonBestAt where it was reached
 */
record WriteupFigures(int topCellN, int topCellD, int topCellKMax, String topCellMode, List<List<String>> topCellRows,
                      Map<String, String> paired, String rayonBest, String rayonBestAt) {
    static final String RESOURCE = "writeup-figures.tsv";

    /** The figures, read when first asked for. */
    static WriteupFigures get() {
        return Holder.FIGURES;
    }

    private static final class Holder {
        static final WriteupFigures FIGURES = read();
    }

    private static WriteupFigures read() {
        try (InputStream in = WriteupFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kmlab.analysis/" + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static WriteupFigures parse(List<String> lines) {
        String[] cell = null;
        String[] rayon = null;
        List<List<String>> rows = new ArrayList<>();
        Map<String, String> paired = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String[] v = Arrays.copyOfRange(f, 1, f.length);
            switch (f[0]) {
                case "top_cell" -> cell = fields(v, 4, i);
                case "top_cell_row" -> rows.add(List.of(fields(v, 3, i)));
                case "paired" -> paired.put(fields(v, 2, i)[0], v[1]);
                case "rayon_best" -> rayon = fields(v, 2, i);
                default -> throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + ": unknown key '" + f[0] + "'");
            }
        }
        if (cell == null || rayon == null || rows.isEmpty() || paired.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + ": needs top_cell, top_cell_row, paired and rayon_best lines");
        }
        return new WriteupFigures(Integer.parseInt(cell[0]), Integer.parseInt(cell[1]), Integer.parseInt(cell[2]),
                cell[3], List.copyOf(rows), Map.copyOf(paired), rayon[0], rayon[1]);
    }

    private static String[] fields(String[] v, int count, int line) {
        if (v.length != count) {
            throw new IllegalArgumentException(RESOURCE + " line " + (line + 1) + ": " + count + " values expected, "
                    + v.length + " found");
        }
        return v;
    }

    /** Whether a setting is the writeup's largest cell. */
    boolean isTopCell(int n, int d, int kMax, String mode) {
        return n == topCellN && d == topCellD && kMax == topCellKMax && topCellMode.equals(mode);
    }
}
