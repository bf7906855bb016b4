package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The experiment's plots, drawn with XChart and saved as PNG and SVG (headless). */
public final class Charts {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b)};
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    private static final BasicStroke SOLID = new BasicStroke(2f);

    private Charts() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** d2l's training plot for one run: train loss, train acc (running, dropout on) and test acc per epoch. */
    public static XYChart curves(RunResult r) {
        XYChart c = chart(r.config().label() + ": training curves (d2l style)", "value", 3);
        line(c, "train loss", r.epochs(), EpochMetrics::trainLoss, PALETTE[0], SOLID);
        line(c, "train acc", r.epochs(), EpochMetrics::trainAcc, PALETTE[1], DASHED);
        line(c, "test acc", r.epochs(), EpochMetrics::testAcc, PALETTE[2], DASHED);
        return c;
    }

    /** Per run: train loss (eval mode, solid) against test loss (dashed). */
    public static XYChart lossComparison(List<RunResult> runs) {
        return pairs(runs, "Train vs test loss", "cross-entropy loss", EpochMetrics::trainEvalLoss, EpochMetrics::testLoss, "loss");
    }

    /** Per run: train accuracy (eval mode, solid) against test accuracy (dashed). */
    public static XYChart accuracyComparison(List<RunResult> runs) {
        return pairs(runs, "Train vs test accuracy", "accuracy", EpochMetrics::trainEvalAcc, EpochMetrics::testAcc, "acc");
    }

    /** Per run: test loss minus train loss, epoch by epoch. */
    public static XYChart gap(List<RunResult> runs) {
        XYChart c = chart("Generalisation gap (test loss - train loss)", "loss gap", runs.size());
        for (int i = 0; i < runs.size(); i++) {
            line(c, runs.get(i).config().label(), runs.get(i).epochs(), EpochMetrics::generalisationGap, PALETTE[i % PALETTE.length], SOLID);
        }
        return c;
    }

    private static XYChart pairs(List<RunResult> runs, String title, String yTitle, ToDoubleFunction<EpochMetrics> train,
                                 ToDoubleFunction<EpochMetrics> test, String what) {
        XYChart c = chart(title, yTitle, 2 * runs.size());
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            Color color = PALETTE[i % PALETTE.length];
            line(c, r.config().label() + ": train " + what, r.epochs(), train, color, SOLID);
            line(c, r.config().label() + ": test " + what, r.epochs(), test, color, DASHED);
        }
        return c;
    }

    /** A chart whose legend sits below for a few series, and to the right (one per line) for many. */
    private static XYChart chart(String title, String yTitle, int series) {
        boolean many = series > 3;
        XYChart c = new XYChartBuilder().width(many ? 1150 : 900).height(540).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        org.knowm.xchart.style.XYStyler s = c.getStyler();
        s.setLegendPosition(many ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS);
        s.setLegendLayout(many ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setAntiAlias(true);
        return c;
    }

    private static void line(XYChart c, String name, List<EpochMetrics> rows, ToDoubleFunction<EpochMetrics> f, Color color, BasicStroke stroke) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (EpochMetrics m : rows) {
            double v = f.applyAsDouble(m);
            if (Double.isFinite(v)) {
                x.add((double) m.epoch());
                y.add(v);
            }
        }
        if (x.isEmpty()) return;
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code base}.png and {@code base}.svg, each atomically. */
    public static void save(XYChart chart, Path base) throws IOException {
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".png"),
                out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }
}
