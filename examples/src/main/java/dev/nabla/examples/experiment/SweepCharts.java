package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.viz.Drawing;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/** A sweep's plots: final numbers against p with seed bands, and the running train loss by p. */
final class SweepCharts {
    private SweepCharts() {}

    /** True when every configuration uses one p for all layers, so p itself can be the x axis. */
    static boolean numeric(List<Seeds> groups) {
        for (Seeds s : groups) {
            double[] p = s.config().dropout();
            for (double v : p) if (v != p[0]) return false;
        }
        return true;
    }

    /** x of configuration {@code i}: its p, or its position when p differs between layers. */
    static double x(List<Seeds> groups, int i) {
        return numeric(groups) ? groups.get(i).config().dropout()[0] : i;
    }

    /**
     * Four panels against p, two by two: final test loss, test accuracy, gap, and train accuracy
     * (eval mode, where too much dropout shows as underfitting); mean line, band over the seeds,
     * a dot per seed.
     */
    static Drawing finals(List<Seeds> groups) {
        int w = 470, h = 380;
        List<XYChart> charts = List.of(
                panel(groups, "Test loss", "cross-entropy loss", EpochMetrics::testLoss, 1, w, h),
                panel(groups, "Test accuracy", "accuracy (%)", EpochMetrics::testAcc, 100, w, h),
                panel(groups, "Gap: test loss - train loss", "loss gap", EpochMetrics::generalisationGap, 1, w, h),
                panel(groups, "Train accuracy (eval mode)", "accuracy (%)", EpochMetrics::trainEvalAcc, 100, w, h));
        return Charts.grid(charts, 2, w, h);
    }

    private static XYChart panel(List<Seeds> groups, String title, String yTitle, ToDoubleFunction<EpochMetrics> f, double scale, int w, int h) {
        XYChart c = Charts.chart(w, h, title, numeric(groups) ? "dropout p (both layers)" : "dropout p (first/second layer)", yTitle);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisMaxLabelCount(groups.size() + 1);
        if (numeric(groups)) {
            c.getStyler().setXAxisDecimalPattern("0.##");  // 0.05 and 0.1, not XChart's .05 and .1
        } else {
            c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
                int i = (int) Math.round(v);
                return Math.abs(v - i) < 1e-6 && i >= 0 && i < groups.size() ? Sweep.text(groups.get(i).config().dropout()) : "";
            });
        }
        List<Seeds.Point> band = new ArrayList<>();  // a point per configuration: its index, and the spread of its final values
        double[] x = new double[groups.size()], y = new double[groups.size()];
        List<double[]> dots = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Spread s = groups.get(i).last(f);
            x[i] = x(groups, i);
            y[i] = s == null ? Double.NaN : scale * s.mean();
            if (s != null) {
                band.add(new Seeds.Point(i, new Spread(s.n(), scale * s.mean(), scale * s.lo(), scale * s.hi(), scale * s.sd(),
                        scale * s.min(), scale * s.max())));
            }
            for (RunResult r : groups.get(i).runs()) {
                double v = r.epochs().isEmpty() ? Double.NaN : f.applyAsDouble(r.last());
                if (Double.isFinite(v)) dots.add(new double[] {x[i], scale * v});
            }
        }
        Color color = Charts.color(0);
        if (!band.isEmpty() && band.get(0).spread().n() > 1) bandAt(c, groups, band, color);
        for (double[] d : dots) Charts.marker(c, null, d[0], d[1], new Color(0xAAAAAA));  // under the mean line, drawn after
        Charts.series(c, "mean", x, y, color, Charts.SOLID).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] d : dots) {
            lo = Math.min(lo, d[1]);
            hi = Math.max(hi, d[1]);
        }
        for (Seeds.Point p : band) {
            lo = Math.min(lo, p.spread().lo());
            hi = Math.max(hi, p.spread().hi());
        }
        if (lo <= hi) Charts.yRange(c, lo, hi);
        double x0 = x(groups, 0), x1 = x(groups, groups.size() - 1), pad = Math.max(0.05, 0.05 * (x1 - x0));
        c.getStyler().setXAxisMin(x0 - pad);
        c.getStyler().setXAxisMax(x1 + pad);
        return c;
    }

    /** A band whose points sit at the configurations' x (the point's epoch field holds the configuration's index). */
    private static void bandAt(XYChart c, List<Seeds> groups, List<Seeds.Point> byIndex, Color color) {
        int n = byIndex.size();
        double[] x = new double[2 * n + 1], y = new double[2 * n + 1];
        for (int i = 0; i < n; i++) {
            double xi = x(groups, byIndex.get(i).epoch());
            x[i] = xi;
            y[i] = byIndex.get(i).spread().hi();
            x[2 * n - 1 - i] = xi;
            y[2 * n - 1 - i] = byIndex.get(i).spread().lo();
        }
        x[2 * n] = x[0];
        y[2 * n] = y[0];
        Charts.polygon(c, x, y, color);
    }

    /** The running train loss (dropout on) epoch by epoch, one line per p: how much harder each p makes fitting. */
    static Drawing trainLoss(List<Seeds> groups) {
        XYChart c = Charts.chart(900, 480, "Train loss (running, dropout on) by p, mean over seeds", "epoch", "cross-entropy loss");
        int epochs = StudyCharts.epochs(groups);
        Charts.epochAxis(c, epochs);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        List<List<Seeds.Point>> bands = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            float t = groups.size() == 1 ? 0 : (float) i / (groups.size() - 1);
            Color color = new Color(0.1f + 0.8f * t, 0.3f * (1 - t) + 0.1f, 0.9f - 0.8f * t);  // blue (small p) to red (large p)
            List<Seeds.Point> b = groups.get(i).band(EpochMetrics::trainLoss);
            Charts.line(c, groups.get(i).label(), b, color, Charts.SOLID);
            bands.add(b);
        }
        double[] e = Charts.extent(bands, StudyCharts.settled(epochs));
        if (e != null) {
            Charts.yRange(c, e[0], e[1]);
            if (c.getStyler().getYAxisMin() < 0) c.getStyler().setYAxisMin(0.0);
        }
        return Charts.drawing(c);
    }
}
