package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.viz.Drawing;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/** The dropout study's plots: the gap, loss with the best test epoch marked, accuracy in two panels, and d2l's curves per run. */
final class StudyCharts {
    static final int WIDTH = 900, HEIGHT = 500;

    private StudyCharts() {}

    /** The epoch from which loss axes are fitted: the first tenth of training (where the loss falls from 2.3) is left out. */
    static int settled(int epochs) {
        return epochs < 10 ? 1 : 1 + epochs / 10;
    }

    /** The epoch from which the test accuracy axis is fitted: the last three quarters, where the configurations part. */
    static int late(int epochs) {
        return epochs < 10 ? 1 : 1 + epochs / 4;
    }

    /** Test loss minus train loss (eval mode), per configuration, with seed bands. */
    static Drawing gap(List<Seeds> study) {
        return Charts.drawing(gapChart(study));
    }

    /** The gap chart: per configuration a band (hidden from the legend) and a mean line named after it. */
    static XYChart gapChart(List<Seeds> study) {
        XYChart c = Charts.chart(WIDTH, HEIGHT, "Generalisation gap: test loss minus train loss (eval mode)", "epoch", "loss gap");
        Charts.epochAxis(c, epochs(study));
        for (int i = 0; i < study.size(); i++) {
            List<Seeds.Point> b = study.get(i).band(EpochMetrics::generalisationGap);
            Charts.band(c, b, Charts.color(i));
            Charts.line(c, legend(study.get(i)), b, Charts.color(i), Charts.SOLID);
        }
        Charts.level(c, 0, 0, epochs(study));
        return c;
    }

    /** Train (eval mode, solid) and test (dashed) loss per configuration, the axis fitted after the first epochs, best test epochs marked. */
    static Drawing loss(List<Seeds> study) {
        XYChart c = Charts.chart(WIDTH, HEIGHT, "Train loss (solid, eval mode) and test loss (dashed); dots: lowest test loss",
                "epoch", "cross-entropy loss");
        int epochs = epochs(study);
        Charts.epochAxis(c, epochs);
        List<List<Seeds.Point>> all = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < study.size(); i++) {
            Seeds s = study.get(i);
            Color color = Charts.color(i);
            List<Seeds.Point> tr = s.band(EpochMetrics::trainEvalLoss), te = s.band(EpochMetrics::testLoss);
            Charts.band(c, te, color);
            Charts.band(c, tr, color);
            Charts.line(c, null, tr, color, Charts.SOLID);
            Charts.line(c, legend(s), te, color, Charts.DASHED);
            EpochMetrics best = s.mean().bestTestLoss();
            Charts.marker(c, null, best.epoch(), best.testLoss(), color);
            all.add(tr);
            all.add(te);
            test.add(te);
        }
        double[] lowHigh = Charts.extent(all, settled(epochs)), testHigh = Charts.extent(test, settled(epochs));
        if (lowHigh != null && testHigh != null) {
            Charts.yRange(c, lowHigh[0], testHigh[1]);
            if (c.getStyler().getYAxisMin() < 0) c.getStyler().setYAxisMin(0.0);
        }
        return Charts.drawing(c);
    }

    /** Two panels: test accuracy on a fitted axis, and each configuration's test accuracy minus the baseline's, in points. */
    static Drawing accuracy(List<Seeds> study) {
        int epochs = epochs(study), w = 560, h = 440;
        XYChart left = Charts.chart(w, h, "Test accuracy", "epoch", "accuracy (%)");
        Charts.epochAxis(left, epochs);
        List<List<Seeds.Point>> bands = new ArrayList<>();
        for (int i = 0; i < study.size(); i++) {
            List<Seeds.Point> b = percent(study.get(i).band(EpochMetrics::testAcc));
            Charts.band(left, b, Charts.color(i));
            Charts.line(left, study.get(i).label(), b, Charts.color(i), Charts.SOLID);
            bands.add(b);
        }
        double[] e = Charts.extent(bands, late(epochs));
        if (e != null) Charts.yRange(left, e[0], e[1]);
        Seeds base = study.get(0);
        XYChart right = Charts.chart(w, h, "Test accuracy minus " + base.label() + "'s", "epoch", "difference (points)");
        Charts.epochAxis(right, epochs);
        Charts.level(right, 0, 0, epochs);
        List<List<Seeds.Point>> diffs = new ArrayList<>();
        for (int i = 1; i < study.size(); i++) {
            List<Seeds.Point> d = percent(study.get(i).pairedDifference(base, EpochMetrics::testAcc));
            Charts.band(right, d, Charts.color(i));
            Charts.line(right, study.get(i).label(), d, Charts.color(i), Charts.SOLID);
            diffs.add(d);
        }
        double[] de = Charts.extent(diffs, late(epochs));
        if (de != null) Charts.yRange(right, Math.min(de[0], 0), Math.max(de[1], 0));
        return Charts.grid(List.of(left, right), 2, w, h);
    }

    /** d2l's plot per configuration (train loss and acc running with dropout on, test acc), two per row. */
    static Drawing curves(List<Seeds> groups) {
        List<XYChart> charts = new ArrayList<>();
        for (Seeds s : groups) {
            XYChart c = Charts.chart(560, 380, s.label() + (s.n() > 1 ? " (" + s.n() + " seeds)" : ""), "epoch", "value");
            Charts.curves(c, s);
            charts.add(c);
        }
        return Charts.grid(charts, 2, 560, 380);
    }

    private static List<Seeds.Point> percent(List<Seeds.Point> band) {
        List<Seeds.Point> out = new ArrayList<>(band.size());
        for (Seeds.Point p : band) {
            Spread s = p.spread();
            out.add(new Seeds.Point(p.epoch(), new Spread(s.n(), 100 * s.mean(), 100 * s.lo(), 100 * s.hi(), 100 * s.sd(), 100 * s.min(),
                    100 * s.max())));
        }
        return out;
    }

    static String legend(Seeds s) {
        return s.label() + " (" + s.config().dropoutText() + ")";
    }

    static int epochs(List<Seeds> groups) {
        int e = 1;
        for (Seeds s : groups) e = Math.max(e, s.config().epochs());
        return e;
    }

    /** A key that changes whenever any run of {@code groups} gains an epoch. */
    static String key(List<Seeds> groups) {
        StringBuilder sb = new StringBuilder();
        for (Seeds s : groups) {
            for (RunResult r : s.runs()) sb.append(String.format(Locale.ROOT, "%s/%d/%d;", s.config().name(), r.config().seed(), r.epochs().size()));
        }
        return sb.toString();
    }
}
