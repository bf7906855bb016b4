package dev.nabla.examples.viz;

import dev.nabla.core.Tensor;
import dev.nabla.examples.viz.Pictures.Align;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Dropout masks of one batch as heatmaps, one panel per layer: a row per example, a column per
 * unit, kept units filled and dropped ones white (as {@link MaskGrid}'s ■ and □), with each
 * panel's dropped fraction measured from its mask.
 */
public final class MaskHeatmap {
    static final int PANEL_W = 400, MIN_H = 120, MAX_H = 400, GAP = 70, LEFT = 70, TOP = 118, MARGIN = 20;  // tests find cells

    private MaskHeatmap() {}

    /**
     * @param title  the figure's title
     * @param labels one caption per mask, e.g. {@code "dropout 1 (p = 0.2)"}
     * @param masks  2-D masks (examples x units) from {@code Dropout.lastMask()}: 0 dropped, anything else kept
     * @throws IllegalArgumentException for no masks, a label count that differs, or a mask that is not 2-D
     */
    public static Drawing of(String title, List<String> labels, List<Tensor> masks) {
        if (masks.isEmpty() || labels.size() != masks.size()) {
            throw new IllegalArgumentException("need one label per mask and at least one mask, but got " + labels.size() + " labels and "
                    + masks.size() + " masks");
        }
        int panelH = MIN_H;
        for (Tensor m : masks) {
            if (m.dim() != 2 || m.numel() == 0) {
                throw new IllegalArgumentException("a mask heatmap needs 2-D masks (examples x units), but got shape "
                        + Arrays.toString(m.shape()));
            }
            panelH = Math.max(panelH, (int) Math.min(MAX_H, Math.round((double) PANEL_W * m.size(0) / m.size(1))));
        }
        int h = panelH, width = LEFT + masks.size() * (PANEL_W + GAP) - GAP + MARGIN + 10;
        return new Drawing(Math.max(width, 560), TOP + panelH + 70, g -> paint(g, title, labels, masks, h));
    }

    private static void paint(Graphics2D g, String title, List<String> labels, List<Tensor> masks, int panelH) {
        g.setFont(Pictures.font(18, true));
        Pictures.text(g, title, MARGIN, 26, Align.LEFT);
        g.setFont(Pictures.font(13, false));
        g.setColor(Pictures.GREY);
        Pictures.text(g, "Each row is one example of the batch, each column one unit of the layer; every call draws a new mask.", MARGIN,
                50, Align.LEFT);
        legend(g, MARGIN, 72);
        for (int k = 0; k < masks.size(); k++) {
            Tensor m = masks.get(k);
            double x0 = LEFT + k * (PANEL_W + GAP);
            int rows = m.size(0), cols = m.size(1);
            float[] v = m.toArray();
            BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
            long dropped = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    boolean drop = v[r * cols + c] == 0f;
                    if (drop) dropped++;
                    img.setRGB(c, r, drop ? Color.WHITE.getRGB() : Pictures.KEPT.getRGB());
                }
            }
            g.setColor(Pictures.INK);
            g.setFont(Pictures.font(14, true));
            Pictures.text(g, labels.get(k), x0, TOP - 14, Align.LEFT);
            Pictures.beginGroup(g, "mask-" + k, "mask");
            Pictures.pixels(g, img, x0, TOP, PANEL_W, panelH);
            Pictures.endGroup(g);
            g.setColor(Pictures.GREY);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(x0, TOP, PANEL_W, panelH));
            axes(g, x0, panelH, rows, cols);
            g.setColor(Pictures.INK);
            g.setFont(Pictures.font(13, false));
            Pictures.text(g, String.format(Locale.ROOT, "dropped %,d of %,d units (%.1f%%)", dropped, (long) rows * cols,
                    100.0 * dropped / ((long) rows * cols)), x0, TOP + panelH + 52, Align.LEFT);
        }
    }

    private static void axes(Graphics2D g, double x0, int panelH, int rows, int cols) {
        g.setFont(Pictures.font(11, false));
        g.setColor(Pictures.GREY);
        for (int t : Pictures.ticks(cols, 6)) {
            double x = x0 + (t + 0.5) * PANEL_W / cols;
            Pictures.text(g, Integer.toString(t), x, TOP + panelH + 12, Align.CENTER);
        }
        for (int t : Pictures.ticks(rows, 6)) {
            Pictures.text(g, Integer.toString(t), x0 - 6, TOP + (t + 0.5) * panelH / rows, Align.RIGHT);
        }
        Pictures.text(g, "unit →", x0 + PANEL_W, TOP + panelH + 28, Align.RIGHT);
        AffineTransform saved = g.getTransform();
        g.rotate(Math.PI / 2, x0 - 36, TOP + panelH / 2.0);  // reads downwards, the way examples count
        Pictures.text(g, "example →", x0 - 36, TOP + panelH / 2.0, Align.CENTER);
        g.setTransform(saved);
    }

    private static void legend(Graphics2D g, double x, double y) {
        g.setFont(Pictures.font(12, false));
        g.setColor(Pictures.KEPT);
        g.fill(new Rectangle2D.Double(x, y - 7, 14, 14));
        g.setColor(Pictures.INK);
        Pictures.text(g, "kept (mask 1)", x + 20, y, Align.LEFT);
        double x2 = x + 30 + Pictures.width(g, "kept (mask 1)") + 10;
        g.setColor(Pictures.GREY);
        g.draw(new Rectangle2D.Double(x2, y - 7, 14, 14));
        g.setColor(Pictures.INK);
        Pictures.text(g, "dropped (mask 0)", x2 + 20, y, Align.LEFT);
    }
}
