package dev.nabla.examples.viz;

import dev.nabla.examples.viz.Pictures.Align;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * A small, quickly drawn line plot of one run so far, for a report that refreshes while the run
 * goes on: a few series over epochs 1 to {@code epochs}, the y axis fitted to the values drawn.
 * Drawing it costs a few milliseconds, so it can be redrawn every epoch.
 */
public final class ProgressPlot {
    static final int WIDTH = 640, HEIGHT = 220, LEFT = 56, RIGHT = 150, TOP = 36, BOTTOM = 34;

    private ProgressPlot() {}

    /**
     * @param title  a line above the plot
     * @param epochs the x axis runs from 0 to this
     * @param names  one name per series, shown at the right
     * @param series per series, the value of epoch 1, 2, ...; NaN where not measured
     * @param colors one colour per series
     * @throws IllegalArgumentException for lists of different lengths or epochs below 1
     */
    public static Drawing of(String title, int epochs, List<String> names, List<double[]> series, List<Color> colors) {
        if (names.size() != series.size() || names.size() != colors.size() || epochs < 1) {
            throw new IllegalArgumentException("need one name and colour per series and at least one epoch, but got " + names.size()
                    + " names, " + series.size() + " series, " + colors.size() + " colours, " + epochs + " epochs");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        } else if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        double min = lo, max = hi;
        return new Drawing(WIDTH, HEIGHT, g -> paint(g, title, epochs, names, series, colors, min, max));
    }

    private static void paint(Graphics2D g, String title, int epochs, List<String> names, List<double[]> series, List<Color> colors,
                              double lo, double hi) {
        double w = WIDTH - LEFT - RIGHT, h = HEIGHT - TOP - BOTTOM;
        g.setFont(Pictures.font(14, true));
        Pictures.text(g, title, 12, 16, Align.LEFT);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Pictures.GREY);
        g.draw(new Rectangle2D.Double(LEFT, TOP, w, h));
        g.setFont(Pictures.font(11, false));
        Pictures.text(g, String.format(Locale.ROOT, "%.3f", hi), LEFT - 6, TOP, Align.RIGHT);
        Pictures.text(g, String.format(Locale.ROOT, "%.3f", lo), LEFT - 6, TOP + h, Align.RIGHT);
        for (int t : Pictures.ticks(epochs + 1, 6)) {
            double x = LEFT + w * t / epochs;
            Pictures.text(g, Integer.toString(t), x, TOP + h + 12, Align.CENTER);
        }
        Pictures.text(g, "epoch", LEFT + w / 2, TOP + h + 26, Align.CENTER);
        for (int k = 0; k < series.size(); k++) {
            Path2D.Double path = new Path2D.Double();
            boolean open = false;
            double[] s = series.get(k);
            for (int e = 0; e < s.length; e++) {
                if (!Double.isFinite(s[e])) continue;
                double x = LEFT + w * (e + 1) / epochs, y = TOP + h * (hi - s[e]) / (hi - lo);
                if (open) path.lineTo(x, y);
                else path.moveTo(x, y);
                open = true;
            }
            g.setColor(colors.get(k));
            g.setStroke(new BasicStroke(2f));
            g.draw(path);
            double ly = TOP + 10 + 20 * k;
            g.draw(new java.awt.geom.Line2D.Double(WIDTH - RIGHT + 12, ly, WIDTH - RIGHT + 32, ly));
            g.setColor(Pictures.INK);
            g.setFont(Pictures.font(12, false));
            Pictures.text(g, names.get(k), WIDTH - RIGHT + 38, ly, Align.LEFT);
        }
    }
}
