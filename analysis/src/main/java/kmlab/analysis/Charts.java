package kmlab.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, each saved as PNG and SVG under one name. XChart draws; this picks the looks. */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a), new Color(0x637939),
        new Color(0x843c39)};

    /**
     * One line of a plot; {@code low}/{@code high} (or null) draw a 95% interval as thin lines of the
     * same colour.
     */
    record Series(String name, double[] x, double[] y, double[] low, double[] high) {
        Series(String name, double[] x, double[] y) {
            this(name, x, y, null, null);
        }
    }

    /** An x-y plot; {@code reference} draws a dashed horizontal line (e.g. speedup 1.0), or null. */
    record Plot(String title, String xTitle, String yTitle, boolean logX, boolean logY, List<Series> series,
                Double reference, boolean points, double[] yRange) {
        Plot(String title, String xTitle, String yTitle, boolean logX, boolean logY, List<Series> series,
             Double reference, boolean points) {
            this(title, xTitle, yTitle, logX, logY, series, reference, points, null);
        }

        /** The same plot with a fixed y axis (e.g. ARI from 0 to 1). */
        Plot withYRange(double min, double max) {
            return new Plot(title, xTitle, yTitle, logX, logY, series, reference, points, new double[] {min, max});
        }
    }

    private final Path dir;

    Charts(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    static XYChart xy(Plot p, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(p.title()).xAxisTitle(p.xTitle())
                .yAxisTitle(p.yTitle()).build();
        Styler s = c.getStyler();
        c.getStyler().setXAxisLogarithmic(p.logX());
        c.getStyler().setYAxisLogarithmic(p.logY());
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        c.getStyler().setMarkerSize(7);
        if (p.yRange() != null) {
            c.getStyler().setYAxisMin(p.yRange()[0]);
            c.getStyler().setYAxisMax(p.yRange()[1]);
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        int i = 0;
        for (Series ser : p.series()) {
            if (ser.x().length == 0) {
                continue;
            }
            Color color = PALETTE[i++ % PALETTE.length];
            XYSeries xs = c.addSeries(ser.name(), ser.x(), ser.y());
            xs.setLineColor(color);
            xs.setMarkerColor(color);
            xs.setMarker(SeriesMarkers.CIRCLE);
            if (p.points()) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            if (ser.low() != null) {
                band(c, ser.name() + " 95% low", ser.x(), ser.low(), color);
                band(c, ser.name() + " 95% high", ser.x(), ser.high(), color);
            }
            for (double x : ser.x()) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
            }
        }
        if (p.reference() != null && minX <= maxX) {
            XYSeries ref = c.addSeries("= " + p.reference(), new double[] {minX, maxX},
                    new double[] {p.reference(), p.reference()});
            ref.setLineColor(Color.BLACK);
            ref.setLineStyle(SeriesLines.DASH_DASH);
            ref.setMarker(SeriesMarkers.NONE);
            ref.setShowInLegend(false);
        }
        return c;
    }

    private static void band(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries b = c.addSeries(name, x, y);
        b.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
        b.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        b.setMarker(SeriesMarkers.NONE);
        b.setShowInLegend(false);
    }

    void line(String name, Plot p) throws IOException {
        save(name, xy(p, WIDTH, HEIGHT));
    }

    /** Bars: one group per category, one bar per series. */
    void bars(String name, String title, String yTitle, List<String> categories, List<String> seriesNames,
              List<double[]> values, boolean logY) throws IOException {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setXAxisLabelRotation(30);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setSeriesColors(PALETTE);
        for (int i = 0; i < seriesNames.size(); i++) {
            // a figure a run did not produce (NaN) is drawn as no bar
            c.addSeries(seriesNames.get(i), categories,
                    java.util.Arrays.stream(values.get(i)).map(v -> Double.isNaN(v) ? 0 : v).boxed().toList());
        }
        save(name, c);
    }

    /** Four plots in a 2 x 2 grid, as the writeup's figure: one PNG, one SVG. */
    void fourPanel(String name, List<Plot> panels) throws IOException {
        int w = 720;
        int h = 480;
        BufferedImage all = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        StringBuilder svg = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"" + 2 * w + "\" height=\"" + 2 * h + "\">\n");
        for (int i = 0; i < panels.size(); i++) {
            XYChart c = xy(panels.get(i), w, h);
            int x = (i % 2) * w;
            int y = (i / 2) * h;
            g.drawImage(BitmapEncoder.getBufferedImage(c), x, y, null);
            String one = svg(c);
            svg.append(one.substring(one.indexOf("<svg")).replaceFirst("<svg", "<svg x=\"" + x + "\" y=\"" + y + "\""))
                    .append('\n');
        }
        g.dispose();
        ImageIO.write(all, "png", dir.resolve(name + ".png").toFile());
        Files.writeString(dir.resolve(name + ".svg"), svg.append("</svg>\n"), StandardCharsets.UTF_8);
    }

    private void save(String name, Chart<?, ?> c) throws IOException {
        BitmapEncoder.saveBitmap(c, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.writeString(dir.resolve(name + ".svg"), svg(c), StandardCharsets.UTF_8);
    }

    private static String svg(Chart<?, ?> c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toString(StandardCharsets.UTF_8);
    }
}
