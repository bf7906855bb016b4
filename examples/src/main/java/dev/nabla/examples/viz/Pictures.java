package dev.nabla.examples.viz;

import dev.nabla.nn.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.ViewBox;

/** Renders {@link Drawing}s to PNG and SVG, and the few drawing helpers the figures share. */
public final class Pictures {
    /** PNG pixels per drawing unit: 2 keeps text sharp on high-density screens and in print. */
    public static final int PNG_SCALE = 2;
    /** Dark text. */
    public static final Color INK = new Color(0x222222);
    /** Secondary text, axes and outlines. */
    public static final Color GREY = new Color(0x777777);
    /** A kept unit (filled square). */
    public static final Color KEPT = new Color(0x1f4e8c);
    /** A dropped unit, a wrong prediction. */
    public static final Color RED = new Color(0xc62828);
    /** Correct predictions. */
    public static final Color GREEN = new Color(0x2e7d32);
    // The SVG names fonts of the same width as the DejaVu Sans that Java2D measures with here.
    private static final String SANS = "\"DejaVu Sans\", Verdana, sans-serif";  // JFreeSVG quotes attributes with '

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Pictures() {}

    /** Writes {@code base}.png and {@code base}.svg, each atomically; creates the folder. Returns both paths. */
    public static List<Path> write(Path base, Drawing d) throws IOException {
        Path png = base.resolveSibling(base.getFileName() + ".png"), svg = base.resolveSibling(base.getFileName() + ".svg");
        byte[] pngBytes = png(d), svgBytes = svg(d).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(png, out -> out.write(pngBytes));
        AtomicFiles.write(svg, out -> out.write(svgBytes));
        return List.of(png, svg);
    }

    /** The drawing as PNG bytes, {@link #PNG_SCALE} pixels per unit. */
    public static byte[] png(Drawing d) {
        BufferedImage image = new BufferedImage(d.width() * PNG_SCALE, d.height() * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(PNG_SCALE, PNG_SCALE);
            paint(g, d);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a byte array cannot fail to be written
        }
        return out.toByteArray();
    }

    /** The drawing as a standalone SVG document (with a viewBox, so it scales to its container). */
    public static String svg(Drawing d) {
        SVGGraphics2D g = new SVGGraphics2D(d.width(), d.height());
        g.setFontFunction(family -> family.equals(Font.SANS_SERIF) || family.equals(Font.DIALOG) ? SANS : family);
        paint(g, d);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + g.getSVGElement(null, true, new ViewBox(0, 0, d.width(), d.height()), null, null) + "\n";
    }

    private static void paint(Graphics2D g, Drawing d) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, d.width(), d.height());
        g.setColor(INK);
        g.setFont(font(14, false));
        d.painter().accept(g);
    }

    /** The sans-serif font used by every figure. */
    public static Font font(float size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    /** Where a string's x coordinate is anchored. */
    public enum Align { LEFT, CENTER, RIGHT }

    /** Draws {@code s} with its baseline's vertical middle at {@code y} (so {@code y} centres it), anchored at {@code x}. */
    public static void text(Graphics2D g, String s, double x, double y, Align align) {
        FontMetrics m = g.getFontMetrics();
        double w = m.getStringBounds(s, g).getWidth();
        double left = align == Align.LEFT ? x : align == Align.CENTER ? x - w / 2 : x - w;
        g.drawString(s, (float) left, (float) (y + (m.getAscent() - m.getDescent()) / 2.0));
    }

    /** The width of {@code s} in the current font. */
    public static double width(Graphics2D g, String s) {
        return g.getFontMetrics().getStringBounds(s, g).getWidth();
    }

    /** Opens an SVG group {@code <g id=".." class="..">} (ignored on bitmaps); ids must be unique per drawing. */
    public static void beginGroup(Graphics2D g, String id, String cssClass) {
        if (g instanceof SVGGraphics2D) g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, Map.of("id", id, "class", cssClass));
    }

    /** Closes the group opened last. */
    public static void endGroup(Graphics2D g) {
        if (g instanceof SVGGraphics2D) g.setRenderingHint(SVGHints.KEY_END_GROUP, "");
    }

    /**
     * Draws {@code pixels} into the rectangle x, y, w, h with hard pixel edges: the image is first
     * enlarged by nearest neighbour to the PNG's resolution, so neither the bitmap nor an SVG
     * viewer blurs small cells.
     */
    public static void pixels(Graphics2D g, BufferedImage pixels, double x, double y, double w, double h) {
        int tw = (int) Math.ceil(w * PNG_SCALE), th = (int) Math.ceil(h * PNG_SCALE);
        BufferedImage big = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D b = big.createGraphics();
        b.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        b.drawImage(pixels, 0, 0, tw, th, null);
        b.dispose();
        java.awt.geom.AffineTransform at = new java.awt.geom.AffineTransform(w / tw, 0, 0, h / th, x, y);
        g.drawImage(big, at, null);
    }

    /** Up to about {@code max} round tick values in [0, n): 0 and multiples of 1, 2 or 5 times a power of ten. */
    public static int[] ticks(int n, int max) {
        int step = 1;
        for (int k = 0; (n - 1) / step + 1 > max; k++) step = new int[] {1, 2, 5}[k % 3] * (int) Math.pow(10, k / 3);
        int[] t = new int[(n - 1) / step + 1];
        for (int i = 0; i < t.length; i++) t[i] = i * step;
        return t;
    }

    /** {@code v} rounded for a label: integers without decimals, others with up to {@code decimals}. */
    public static String number(double v, int decimals) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        String s = String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
