package dev.nabla.examples.viz;

import dev.nabla.core.Tensor;
import dev.nabla.examples.viz.Pictures.Align;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * A first layer's weights as images: row j of a {@code Linear} weight (out x in, with in = 784)
 * is what unit j looks for in a 28 x 28 input. One panel per model, a tile per unit, a diverging
 * colour map (blue negative, white 0, red positive) on one scale shared by every tile and panel,
 * so panels compare directly.
 */
public final class WeightTiles {
    /** Share of |w| values below the colour scale's end; larger ones saturate. */
    public static final double SCALE_QUANTILE = 0.99;
    static final int TILE = 56, GAP = 8, LABEL = 16, PANEL_GAP = 36, TOP = 114, MARGIN = 20, BAR = 110;  // tests find tiles
    // Stops of a red-blue diverging map (ColorBrewer RdBu, reversed): -1, -0.5, 0, 0.5, 1.
    private static final int[][] STOPS = {{33, 102, 172}, {146, 197, 222}, {247, 247, 247}, {244, 165, 130}, {178, 24, 43}};

    private WeightTiles() {}

    /**
     * @param title   the figure's title
     * @param labels  one caption per weight matrix, e.g. {@code "no dropout"}
     * @param weights Linear weights, out x in, with in a square number (784 = 28 x 28)
     * @param units   how many units (rows) to draw from each, the first ones
     * @param columns tiles per row of a panel
     * @throws IllegalArgumentException for mismatched lists, shapes that differ or are not square images, or too few units
     */
    public static Drawing of(String title, List<String> labels, List<Tensor> weights, int units, int columns) {
        if (weights.isEmpty() || labels.size() != weights.size()) {
            throw new IllegalArgumentException("need one label per weight matrix and at least one, but got " + labels.size() + " labels and "
                    + weights.size() + " matrices");
        }
        Tensor first = weights.get(0);
        int side = (int) Math.round(Math.sqrt(first.dim() == 2 ? first.size(1) : 0));
        for (Tensor w : weights) {
            if (w.dim() != 2 || !Arrays.equals(w.shape(), first.shape()) || side * side != w.size(1)) {
                throw new IllegalArgumentException("weights must be out x in matrices of one shape with a square number of inputs "
                        + "(28 x 28 = 784), but got " + Arrays.toString(w.shape()) + " and " + Arrays.toString(first.shape()));
            }
        }
        if (units < 1 || units > first.size(0) || columns < 1) {
            throw new IllegalArgumentException("units must be between 1 and " + first.size(0) + " and columns positive, but got units "
                    + units + ", columns " + columns);
        }
        double scale = scale(weights, units);
        int cols = Math.min(columns, units), rows = (units + cols - 1) / cols;
        int panelW = cols * (TILE + GAP) - GAP, panelH = rows * (TILE + GAP + LABEL);
        int width = MARGIN + weights.size() * (panelW + PANEL_GAP) - PANEL_GAP + 30 + BAR;
        return new Drawing(Math.max(width, 600), TOP + panelH + 30,
                g -> paint(g, title, labels, weights, units, cols, side, scale, panelW, panelH));
    }

    /** The colour for {@code v} on a scale of ±{@code scale}: blue below 0, white at 0, red above, saturating beyond. */
    public static Color diverging(double v, double scale) {
        double t = Math.max(-1, Math.min(1, scale == 0 ? 0 : v / scale)) * 2 + 2;  // 0..4 across the stops
        int i = Math.min(3, (int) Math.floor(t));
        double f = t - i;
        int[] a = STOPS[i], b = STOPS[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    /** The {@link #SCALE_QUANTILE} quantile of |w| over the drawn units of every matrix. */
    static double scale(List<Tensor> weights, int units) {
        int in = weights.get(0).size(1);
        double[] abs = new double[weights.size() * units * in];
        int k = 0;
        for (Tensor w : weights) {
            float[] v = w.toArray();
            for (int i = 0; i < units * in; i++) abs[k++] = Math.abs(v[i]);
        }
        Arrays.sort(abs);
        return abs[(int) Math.min(abs.length - 1, Math.floor(SCALE_QUANTILE * abs.length))];
    }

    private static void paint(Graphics2D g, String title, List<String> labels, List<Tensor> weights, int units, int cols, int side,
            double scale, int panelW, int panelH) {
        g.setFont(Pictures.font(18, true));
        Pictures.text(g, title, MARGIN, 26, Align.LEFT);
        g.setFont(Pictures.font(13, false));
        g.setColor(Pictures.GREY);
        Pictures.text(g, "Row j of the first layer's weight, drawn as a " + side + " x " + side + " image: the pattern unit j responds to.",
                MARGIN, 50, Align.LEFT);
        Pictures.text(g, "Red pixels raise the unit's input, blue ones lower it; one colour scale for every tile.", MARGIN, 70, Align.LEFT);
        for (int p = 0; p < weights.size(); p++) {
            double x0 = MARGIN + p * (panelW + PANEL_GAP);
            g.setColor(Pictures.INK);
            g.setFont(Pictures.font(14, true));
            Pictures.text(g, labels.get(p), x0, TOP - 12, Align.LEFT);
            float[] v = weights.get(p).toArray();
            for (int u = 0; u < units; u++) {
                double x = x0 + (u % cols) * (TILE + GAP), y = TOP + (u / cols) * (TILE + GAP + LABEL);
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                for (int i = 0; i < side * side; i++) img.setRGB(i % side, i / side, diverging(v[u * side * side + i], scale).getRGB());
                Pictures.beginGroup(g, "tile-" + p + "-" + u, "tile");
                Pictures.pixels(g, img, x, y, TILE, TILE);
                Pictures.endGroup(g);
                g.setColor(new Color(0xcccccc));
                g.setStroke(new BasicStroke(0.8f));
                g.draw(new Rectangle2D.Double(x, y, TILE, TILE));
                g.setColor(Pictures.GREY);
                g.setFont(Pictures.font(10, false));
                Pictures.text(g, "unit " + u, x + TILE / 2.0, y + TILE + 8, Align.CENTER);
            }
        }
        colourBar(g, MARGIN + weights.size() * (panelW + PANEL_GAP) - PANEL_GAP + 30, TOP, Math.max(120, panelH - LABEL), scale);
    }

    private static void colourBar(Graphics2D g, double x, double y, double h, double scale) {
        BufferedImage bar = new BufferedImage(1, 256, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 256; i++) bar.setRGB(0, i, diverging(scale * (1 - 2 * (i + 0.5) / 256), scale).getRGB());
        Pictures.pixels(g, bar, x, y, 16, h);
        g.setColor(Pictures.GREY);
        g.draw(new Rectangle2D.Double(x, y, 16, h));
        g.setFont(Pictures.font(11, false));
        g.setColor(Pictures.INK);
        Pictures.text(g, "+" + String.format(java.util.Locale.ROOT, "%.2g", scale), x + 22, y + 5, Align.LEFT);
        Pictures.text(g, "0", x + 22, y + h / 2, Align.LEFT);
        Pictures.text(g, "−" + String.format(java.util.Locale.ROOT, "%.2g", scale), x + 22, y + h - 5, Align.LEFT);
        g.setColor(Pictures.GREY);
        g.setFont(Pictures.font(10, false));
        Pictures.text(g, "weight", x, y - 12, Align.LEFT);
        Pictures.text(g, "beyond ± saturates", x - 4, y + h + 14, Align.LEFT);
    }
}
