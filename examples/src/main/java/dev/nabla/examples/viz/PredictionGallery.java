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
 * A handful of test images with their true and predicted labels, as d2l's {@code show_images}
 * after {@code predict_ch3}: right predictions in green, wrong ones in red with a red frame.
 * Images are drawn dark on light (pixel 1 black, 0 white).
 */
public final class PredictionGallery {
    /** Fashion-MNIST's ten classes in label order, as d2l's {@code get_fashion_mnist_labels}. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
            "sneaker", "bag", "ankle boot");
    private static final int TILE = 84, GAP = 22, CAPTION = 40, TOP = 96, MARGIN = 20;

    private PredictionGallery() {}

    /**
     * @param title     the figure's title
     * @param images    n images of a square number of pixels each, values in [0, 1]: shape [n, 784], [n, 28, 28] or [n, 1, 28, 28]
     * @param labels    the true class of each image
     * @param predicted the predicted class of each image
     * @param classes   class names, indexed by label
     * @param columns   images per row
     * @throws IllegalArgumentException for lengths that differ, images that are not square, or labels outside the classes
     */
    public static Drawing of(String title, Tensor images, int[] labels, int[] predicted, List<String> classes, int columns) {
        int n = images.dim() == 0 ? 0 : images.size(0);
        if (n == 0 || labels.length != n || predicted.length != n) {
            throw new IllegalArgumentException("need one true and one predicted label per image, but got " + n + " images, "
                    + labels.length + " labels and " + predicted.length + " predictions");
        }
        int pixels = images.numel() / n, side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels) {
            throw new IllegalArgumentException("images must be square (28 x 28 = 784 pixels), but got shape " + Arrays.toString(images.shape()));
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size() || predicted[i] < 0 || predicted[i] >= classes.size()) {
                throw new IllegalArgumentException("image " + i + ": labels must be classes 0 to " + (classes.size() - 1) + ", but got true "
                        + labels[i] + ", predicted " + predicted[i]);
            }
        }
        if (columns < 1) throw new IllegalArgumentException("columns must be positive, but got " + columns);
        int cols = Math.min(columns, n), rows = (n + cols - 1) / cols;
        int width = Math.max(MARGIN * 2 + cols * (TILE + GAP) - GAP, 520), height = TOP + rows * (TILE + CAPTION + 12) + 10;
        return new Drawing(width, height, g -> paint(g, title, images.toArray(), side, labels, predicted, classes, cols));
    }

    private static void paint(Graphics2D g, String title, float[] v, int side, int[] labels, int[] predicted, List<String> classes, int cols) {
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] != predicted[i]) wrong++;
        g.setFont(Pictures.font(18, true));
        Pictures.text(g, title, MARGIN, 26, Align.LEFT);
        g.setFont(Pictures.font(13, false));
        g.setColor(Pictures.GREY);
        Pictures.text(g, labels.length + " test images: " + (labels.length - wrong) + " predicted right (green), " + wrong
                + " wrong (red, framed).", MARGIN, 50, Align.LEFT);
        Pictures.text(g, "Under each image: its true label, then the model's prediction.", MARGIN, 70, Align.LEFT);
        for (int i = 0; i < labels.length; i++) {
            boolean right = labels[i] == predicted[i];
            double x = MARGIN + (i % cols) * (TILE + GAP), y = TOP + (i / cols) * (TILE + CAPTION + 12);
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < side * side; p++) {
                int grey = 255 - (int) Math.round(255 * Math.max(0, Math.min(1, v[i * side * side + p])));
                img.setRGB(p % side, p / side, new Color(grey, grey, grey).getRGB());
            }
            Pictures.beginGroup(g, "image-" + i, right ? "right" : "wrong");
            Pictures.pixels(g, img, x, y, TILE, TILE);
            g.setColor(right ? new Color(0xcccccc) : Pictures.RED);
            g.setStroke(new BasicStroke(right ? 1f : 3f));
            g.draw(new Rectangle2D.Double(x, y, TILE, TILE));
            g.setFont(Pictures.font(11, false));
            g.setColor(Pictures.INK);
            Pictures.text(g, "true: " + classes.get(labels[i]), x + TILE / 2.0, y + TILE + 12, Align.CENTER);
            g.setColor(right ? Pictures.GREEN : Pictures.RED);
            g.setFont(Pictures.font(11, !right));
            Pictures.text(g, (right ? "✓ " : "✗ ") + classes.get(predicted[i]), x + TILE / 2.0, y + TILE + 28, Align.CENTER);
            Pictures.endGroup(g);
        }
    }
}
