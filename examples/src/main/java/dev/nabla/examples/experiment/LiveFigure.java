package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.viz.Pictures;
import dev.nabla.examples.viz.ProgressPlot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The light plot at the top of a running report: the current run's losses so far, redrawn at every rewrite. */
final class LiveFigure {
    private LiveFigure() {}

    /** The current run's plot, or null when the job is not running or its run has no epoch yet. */
    static Report.Figure of(Job job) {
        if (!job.running()) return null;
        RunConfig c = job.status().config();
        RunResult current = null;
        for (RunResult r : job.runs()) if (r.config().name().equals(c.name()) && r.config().seed() == c.seed()) current = r;
        if (current == null || current.epochs().isEmpty()) return null;
        List<String> names = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        List<java.awt.Color> colors = new ArrayList<>();
        add(current, "train (running)", EpochMetrics::trainLoss, Charts.color(0), names, series, colors);
        add(current, "train (eval mode)", EpochMetrics::trainEvalLoss, Charts.color(2), names, series, colors);
        add(current, "test", EpochMetrics::testLoss, Charts.color(1), names, series, colors);
        String title = "Live: " + c.label() + ", seed " + c.seed() + ", loss after " + current.epochs().size() + " of " + c.epochs() + " epochs";
        return Report.Figure.svg(null, "The run going on, redrawn every time this page is written; the full figures below are redrawn "
                + "when a run ends.", Pictures.svg(ProgressPlot.of(title, c.epochs(), names, series, colors)), 640);
    }

    private static void add(RunResult r, String name, ToDoubleFunction<EpochMetrics> f, java.awt.Color color, List<String> names,
                            List<double[]> series, List<java.awt.Color> colors) {
        double[] v = new double[r.epochs().size()];
        boolean any = false;
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(r.epochs().get(i));
            any |= Double.isFinite(v[i]);
        }
        if (!any) return;
        names.add(name);
        series.add(v);
        colors.add(color);
    }
}
