package dev.nabla.examples.viz;

import dev.nabla.examples.viz.Pictures.Align;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;

/**
 * d2l's figure "MLP before and after dropout" (section 5.6) drawn from a real forward pass: one
 * hidden layer, its activations before dropout and the mask the dropout layer drew; dropped
 * hidden units are crossed out and lose their connections, and a table gives the values.
 * In the SVG each hidden unit after dropout is a group {@code id="hidden-after-i"} with class
 * {@code kept} or {@code dropped} (i from 1, as the labels h1, h2, ...).
 */
public final class DropoutNetFigure {
    /** Most units per layer the figure draws. */
    public static final int MAX_UNITS = 10;
    private static final int PANEL = 400, TOP = 110, STEP = 60, RADIUS = 20, MARGIN = 20;
    private static final Color EDGE = new Color(0xa7b3c2), UNIT = new Color(0xe3ecf7), DROPPED = new Color(0xf3f3f3);

    private DropoutNetFigure() {}

    /**
     * @param inputs  number of input units
     * @param hidden  hidden activations of one example before dropout
     * @param mask    the dropout mask of that example: 0 dropped, non-zero kept (same length)
     * @param outputs number of output units
     * @param p       the drop probability, to scale survivors by 1/(1-p)
     * @param title   the figure's title
     * @throws IllegalArgumentException for lengths that differ or layers with 0 or more than {@link #MAX_UNITS} units
     */
    public static Drawing of(int inputs, float[] hidden, float[] mask, int outputs, double p, String title) {
        if (hidden.length != mask.length) {
            throw new IllegalArgumentException("hidden activations and mask need one length, but got " + hidden.length + " and " + mask.length);
        }
        for (int n : new int[] {inputs, hidden.length, outputs}) {
            if (n < 1 || n > MAX_UNITS) throw new IllegalArgumentException("each layer needs 1 to " + MAX_UNITS + " units, but got " + n);
        }
        new Binomial(0, p);  // validates p
        int layerHeight = Math.max(Math.max(inputs, hidden.length), outputs) * STEP;
        int width = Math.max(2 * PANEL, 290 + hidden.length * 64) + 2 * MARGIN, height = TOP + layerHeight + 40 + 140;
        return new Drawing(width, height, g -> paint(g, inputs, hidden, mask, outputs, p, title, layerHeight));
    }

    private static void paint(Graphics2D g, int inputs, float[] hidden, float[] mask, int outputs, double p, String title, int layerHeight) {
        g.setFont(Pictures.font(18, true));
        Pictures.text(g, title, MARGIN, 26, Align.LEFT);
        StringBuilder dropped = new StringBuilder();
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0f) continue;
            dropped.append(k++ == 0 ? "" : ", ").append("h").append(i + 1);
        }
        Binomial expected = new Binomial(mask.length, p);
        for (int side = 0; side < 2; side++) {
            double x0 = MARGIN + side * PANEL;
            g.setFont(Pictures.font(15, true));
            g.setColor(Pictures.INK);
            Pictures.text(g, side == 0 ? "before dropout" : "after dropout (p = " + Pictures.number(p, 3) + ")", x0 + PANEL / 2.0, 58,
                    Align.CENTER);
            g.setFont(Pictures.font(13, false));
            g.setColor(Pictures.GREY);
            Pictures.text(g, side == 0 ? "every hidden unit passes its value on"
                    : (k == 0 ? "none" : dropped) + " dropped: " + k + " of " + mask.length + ", expected " + expected.expected(),
                    x0 + PANEL / 2.0, 80, Align.CENTER);
            panel(g, x0, inputs, mask, outputs, side == 1, layerHeight);
        }
        g.setColor(new Color(0xdddddd));
        g.draw(new Line2D.Double(MARGIN + PANEL, 50, MARGIN + PANEL, TOP + layerHeight + 30));
        table(g, hidden, mask, p, TOP + layerHeight + 54);
    }

    private static void panel(Graphics2D g, double x0, int inputs, float[] mask, int outputs, boolean after, int layerHeight) {
        int[] sizes = {inputs, mask.length, outputs};
        double[] xs = {x0 + 70, x0 + PANEL / 2.0, x0 + PANEL - 70};
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(EDGE);
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < sizes[l]; i++) {
                for (int j = 0; j < sizes[l + 1]; j++) {
                    int h = l == 0 ? j : i;  // the hidden unit this connection touches
                    if (after && mask[h] == 0f) continue;  // a dropped unit sends and receives nothing
                    double y1 = y(i, sizes[l], layerHeight), y2 = y(j, sizes[l + 1], layerHeight);
                    double len = Math.hypot(xs[l + 1] - xs[l], y2 - y1), ux = (xs[l + 1] - xs[l]) / len, uy = (y2 - y1) / len;
                    g.draw(new Line2D.Double(xs[l] + ux * RADIUS, y1 + uy * RADIUS, xs[l + 1] - ux * RADIUS, y2 - uy * RADIUS));
                }
            }
        }
        String[] names = {"x", "h", "o"}, layers = {"input", "hidden", "output"};
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < sizes[l]; i++) {
                boolean isDropped = after && l == 1 && mask[i] == 0f;
                if (l == 1) Pictures.beginGroup(g, "hidden-" + (after ? "after-" : "before-") + (i + 1), isDropped ? "dropped" : "kept");
                unit(g, xs[l], y(i, sizes[l], layerHeight), names[l] + (i + 1), isDropped, l == 1);
                if (l == 1) Pictures.endGroup(g);
            }
            g.setFont(Pictures.font(13, false));
            g.setColor(Pictures.GREY);
            Pictures.text(g, layers[l] + " layer", xs[l], TOP + layerHeight + 14, Align.CENTER);
        }
    }

    private static void unit(Graphics2D g, double x, double y, String label, boolean dropped, boolean hidden) {
        Ellipse2D circle = new Ellipse2D.Double(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS);
        g.setColor(dropped ? DROPPED : hidden ? UNIT : Color.WHITE);
        g.fill(circle);
        g.setColor(dropped ? Pictures.GREY : Pictures.INK);
        g.setStroke(dropped ? new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
                : new BasicStroke(1.5f));
        g.draw(circle);
        if (dropped) {
            double r = RADIUS * 0.9;
            g.setColor(new Color(0xd32f2f));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(x - r, y - r, x + r, y + r));
            g.draw(new Line2D.Double(x - r, y + r, x + r, y - r));
        }
        g.setColor(dropped ? Pictures.GREY : Pictures.INK);
        g.setFont(Pictures.font(14, dropped));
        Pictures.text(g, label, x, y, Align.CENTER);
    }

    /** before / mask / after, one column per hidden unit. */
    private static void table(Graphics2D g, float[] hidden, float[] mask, double p, double top) {
        String scale = p < 1 ? "× 1/(1−p) = × " + Pictures.number(1 / (1 - p), 3) : "all zero";
        String[] rows = {"h = sigmoid(x·W₁ᵀ + b₁)", "dropout mask", "after dropout (" + scale + ")"};
        double labelW = 0, col = 64;
        g.setFont(Pictures.font(13, false));
        for (String r : rows) labelW = Math.max(labelW, Pictures.width(g, r));
        double x0 = MARGIN + labelW + 24;
        g.setColor(Pictures.GREY);
        for (int i = 0; i < hidden.length; i++) Pictures.text(g, "h" + (i + 1), x0 + (i + 0.5) * col, top, Align.CENTER);
        for (int r = 0; r < 3; r++) {
            double y = top + 26 * (r + 1);
            g.setColor(Pictures.INK);
            Pictures.text(g, rows[r], MARGIN, y, Align.LEFT);
            for (int i = 0; i < hidden.length; i++) {
                boolean dropped = mask[i] == 0f;
                double v = r == 0 ? hidden[i] : r == 1 ? (dropped ? 0 : 1) : dropped || p == 1 ? 0 : hidden[i] / (1 - p);
                g.setColor(dropped && r > 0 ? Pictures.RED : Pictures.INK);
                Pictures.text(g, Pictures.number(v, 2), x0 + (i + 0.5) * col, y, Align.CENTER);
            }
        }
    }

    private static double y(int i, int n, int layerHeight) {
        return TOP + layerHeight / 2.0 + (i - (n - 1) / 2.0) * STEP;
    }
}
