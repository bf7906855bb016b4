package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.viz.Drawing;
import dev.nabla.examples.viz.Pictures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line plots, drawn with XChart: lines, seed bands (a filled polygon between the interval's ends),
 * markers, and several charts side by side in one {@link Drawing}, which {@link Pictures} turns
 * into PNG and SVG. Fonts are sized for a figure shown at about 900 pixels wide.
 */
public final class Charts {
    /** Series colours (matplotlib's first six), by configuration. */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b)};
    static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
    static final BasicStroke SOLID = new BasicStroke(2.2f);
    static final BasicStroke THIN = new BasicStroke(1.2f);

    private Charts() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The colour of the {@code i}-th configuration. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** An empty chart with the house style: white, light grid, legend below, readable fonts. */
    public static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setPlotGridLinesColor(new Color(0xE4E4E4));
        s.setChartTitleFont(Pictures.font(17, true));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(Pictures.font(14, false));
        s.setAxisTickLabelsFont(Pictures.font(13, false));
        s.setLegendFont(Pictures.font(13, false));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendSeriesLineLength(28);
        s.setAntiAlias(true);
        s.setMarkerSize(9);
        s.setYAxisDecimalPattern("#,##0.###");
        s.setLegendPadding(12);
        return c;
    }

    /** Sets the x axis to 0 .. {@code epochs} with ticks on round numbers (0, 10, 20, ... for 100 epochs). */
    public static void epochAxis(XYChart c, int epochs) {
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax((double) Math.max(epochs, 1));
        c.getStyler().setXAxisDecimalPattern("#");
        // XChart puts ticks only at the data's x when those are equally spaced (every third epoch: 0, 3, 6, ..., 99);
        // one invisible point between two epochs makes it choose round steps instead.
        XYSeries s = c.addSeries(hidden(c), new double[] {0.5}, new double[] {Double.NaN});
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** A line through the means; {@code name} null keeps it out of the legend (names must be unique per chart). */
    public static void line(XYChart c, String name, List<Seeds.Point> points, Color color, BasicStroke stroke) {
        if (points.isEmpty()) return;
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).epoch();
            y[i] = points.get(i).spread().mean();
        }
        series(c, name, x, y, color, stroke);
    }

    /** A line through (x, y), with no markers. */
    public static XYSeries series(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
        XYSeries s = c.addSeries(name == null ? hidden(c) : name, x, y);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(x.length <= 2 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);  // one or two points would not show as a line
        s.setMarkerColor(color);
        s.setShowInLegend(name != null);
        return s;
    }

    /** The seeds' band: the area between each point's interval ends, translucent; nothing with one seed. */
    public static void band(XYChart c, List<Seeds.Point> points, Color color) {
        if (points.isEmpty() || points.get(0).spread().n() < 2) return;
        int n = points.size();
        double[] x = new double[2 * n + 1], y = new double[2 * n + 1];
        for (int i = 0; i < n; i++) {
            x[i] = points.get(i).epoch();
            y[i] = points.get(i).spread().hi();
            x[2 * n - 1 - i] = points.get(i).epoch();
            y[2 * n - 1 - i] = points.get(i).spread().lo();
        }
        x[2 * n] = x[0];
        y[2 * n] = y[0];
        polygon(c, x, y, color);
    }

    /** A translucent filled polygon through (x, y), kept out of the legend. */
    public static void polygon(XYChart c, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(hidden(c), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 48));
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** One marker at (x, y), named in the legend when {@code name} is not null. */
    public static void marker(XYChart c, String name, double x, double y, Color color) {
        XYSeries s = c.addSeries(name == null ? hidden(c) : name, new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        s.setShowInLegend(name != null);
    }

    /** A horizontal reference line at {@code y} across 0 .. {@code xMax}. */
    public static void level(XYChart c, double y, double xMin, double xMax) {
        series(c, null, new double[] {xMin, xMax}, new double[] {y, y}, new Color(0x555555), THIN).setMarker(SeriesMarkers.NONE);
    }

    /** A y range from a little below {@code lo} to a little above {@code hi} (5% of the span each side). */
    public static void yRange(XYChart c, double lo, double hi) {
        if (!(hi > lo)) {
            hi = lo + Math.max(1e-3, Math.abs(lo) * 0.01);
        }
        double pad = 0.05 * (hi - lo);
        c.getStyler().setYAxisMin(lo - pad);
        c.getStyler().setYAxisMax(hi + pad);
    }

    /** The lowest and highest finite values of the bands' intervals from epoch {@code from} on; {lo, hi}, or null. */
    public static double[] extent(List<List<Seeds.Point>> bands, int from) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (List<Seeds.Point> b : bands) {
            for (Seeds.Point p : b) {
                if (p.epoch() < from) continue;
                lo = Math.min(lo, p.spread().lo());
                hi = Math.max(hi, p.spread().hi());
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /** d2l's training plot for one run: train loss and acc (running, dropout on) and test acc per epoch. */
    public static XYChart curves(RunResult r) {
        XYChart c = chart(900, 520, r.config().label() + ": training curves (d2l style)", "epoch", "value");
        curves(c, new Seeds(r.config(), List.of(r)));
        return c;
    }

    /** d2l's three curves of a configuration, as means over its seeds with bands, onto {@code c}. */
    static void curves(XYChart c, Seeds s) {
        epochAxis(c, s.config().epochs());
        c.getStyler().setYAxisMin(0.0);
        List<ToDoubleFunction<EpochMetrics>> fs = List.of(EpochMetrics::trainLoss, EpochMetrics::trainAcc, EpochMetrics::testAcc);
        List<String> names = List.of("train loss", "train acc", "test acc");
        for (int i = 0; i < 3; i++) {
            List<Seeds.Point> b = s.band(fs.get(i));
            band(c, b, color(i));
            line(c, names.get(i), b, color(i), i == 0 ? SOLID : DASHED);
        }
    }

    /** {@code charts} in a grid of {@code columns}, each {@code width} x {@code height}, as one drawing. */
    public static Drawing grid(List<XYChart> charts, int columns, int width, int height) {
        if (charts.isEmpty() || columns < 1) throw new IllegalArgumentException("a grid needs charts and columns, but got " + charts.size()
                + " charts in " + columns + " columns");
        int cols = Math.min(columns, charts.size()), rows = (charts.size() + cols - 1) / cols;
        List<XYChart> copy = new ArrayList<>(charts);
        return new Drawing(cols * width, rows * height, g -> {
            for (int i = 0; i < copy.size(); i++) {
                Graphics2D sub = (Graphics2D) g.create((i % cols) * width, (i / cols) * height, width, height);
                try {
                    copy.get(i).paint(sub, width, height);
                } finally {
                    sub.dispose();
                }
            }
        });
    }

    /** One chart as a drawing of its own size. */
    public static Drawing drawing(XYChart c) {
        return grid(List.of(c), 1, c.getWidth(), c.getHeight());
    }

    /** Writes {@code base}.png and {@code base}.svg of one chart, each atomically. */
    public static void save(XYChart chart, Path base) throws IOException {
        Pictures.write(base, drawing(chart));
    }

    private static String hidden(XYChart c) {
        return "\u200b" + c.getSeriesMap().size();  // a unique, invisible name: XChart keys series by name
    }

    /** The font XChart's legends use, for callers that size text to match. */
    static Font legendFont(XYChart c) {
        return c.getStyler().getLegendFont();
    }
}
