package dev.nabla.examples.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Dropout;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The report's figures: masks, first-layer weights and predictions, checked pixel by pixel where it matters. */
class ReportFiguresTest {
    private static final int S = Pictures.PNG_SCALE;

    @Test
    void theHeatmapPaintsEveryCellAsTheMaskSays() throws Exception {
        Dropout first = new Dropout(0.2, new Rng(5)), second = new Dropout(0.5, new Rng(6));
        first.forward(Tensor.ones(8, 10));
        second.forward(Tensor.ones(8, 10));
        List<Tensor> masks = List.of(first.lastMask(), second.lastMask());
        Drawing d = MaskHeatmap.of("masks", List.of("dropout 1 (p = 0.2)", "dropout 2 (p = 0.5)"), masks);
        BufferedImage png = SvgFiles.png(Pictures.png(d));
        double cell = MaskHeatmap.PANEL_W / 10.0;  // 8 x 10 masks: panels 400 x 320, cells 40 x 40
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 10; c++) {
                    int x = (int) (S * (MaskHeatmap.LEFT + k * (MaskHeatmap.PANEL_W + MaskHeatmap.GAP) + (c + 0.5) * cell));
                    int y = (int) (S * (MaskHeatmap.TOP + (r + 0.5) * cell));
                    Color want = masks.get(k).get(r, c) == 0f ? Color.WHITE : Pictures.KEPT;
                    assertEquals(want.getRGB(), png.getRGB(x, y), "panel " + k + ", example " + r + ", unit " + c);
                }
            }
        }
        Document svg = SvgFiles.parse(Pictures.svg(d));
        assertEquals(List.of("mask-0", "mask-1"), SvgFiles.groups(svg, "mask"));
        int dropped = 0;
        for (float m : second.lastMask().toArray()) if (m == 0f) dropped++;
        assertTrue(SvgFiles.text(svg).contains("dropped " + dropped + " of 80 units"), SvgFiles.text(svg));
    }

    @Test
    void weightsShareOneDivergingScale() throws Exception {
        assertEquals(new Color(247, 247, 247), WeightTiles.diverging(0, 1), "white at 0");
        assertEquals(new Color(178, 24, 43), WeightTiles.diverging(1, 1), "red at +scale");
        assertEquals(new Color(33, 102, 172), WeightTiles.diverging(-5, 1), "blue beyond -scale: saturated");
        assertEquals(new Color(244, 165, 130), WeightTiles.diverging(0.05, 0.1), "half way: the next stop");

        float[] a = new float[2 * 784], b = new float[2 * 784];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 784) < 392 ? 0.01f : -0.01f;  // top half positive, bottom half negative
            b[i] = 0.02f * ((i % 7) - 3) / 3f;
        }
        List<Tensor> w = List.of(Tensor.of(a, 2, 784), Tensor.of(b, 2, 784));
        double scale = WeightTiles.scale(w, 2);
        assertEquals(0.02, scale, 1e-6, "99th percentile of |w| over both matrices");
        Drawing d = WeightTiles.of("weights", List.of("no dropout", "dropout"), w, 2, 2);
        BufferedImage png = SvgFiles.png(Pictures.png(d));
        int x = S * (WeightTiles.MARGIN + WeightTiles.TILE / 2), top = S * (WeightTiles.TOP + 5), bottom = S * (WeightTiles.TOP + 50);
        assertEquals(WeightTiles.diverging(0.01, scale).getRGB(), png.getRGB(x, top), "unit 0's top half on the shared scale");
        assertEquals(WeightTiles.diverging(-0.01, scale).getRGB(), png.getRGB(x, bottom));
        Document svg = SvgFiles.parse(Pictures.svg(d));
        assertEquals(List.of("tile-0-0", "tile-0-1", "tile-1-0", "tile-1-1"), SvgFiles.groups(svg, "tile"));
        assertTrue(SvgFiles.text(svg).contains("+0.020\n") && SvgFiles.text(svg).contains("unit 1\n"), SvgFiles.text(svg));

        assertEquals("weights must be out x in matrices of one shape with a square number of inputs (28 x 28 = 784), but got [2, 99] "
                + "and [2, 99]", assertThrows(IllegalArgumentException.class,
                        () -> WeightTiles.of("w", List.of("a"), List.of(Tensor.zeros(2, 99)), 1, 1)).getMessage());
        assertEquals("units must be between 1 and 2 and columns positive, but got units 3, columns 2",
                assertThrows(IllegalArgumentException.class, () -> WeightTiles.of("w", List.of("a", "b"), w, 3, 2)).getMessage());
    }

    @Test
    void theGalleryMarksWrongPredictions() throws Exception {
        Tensor images = Tensor.rand(new Rng(2), 5, 28, 28);
        int[] labels = {0, 9, 7, 3, 5}, predicted = {0, 7, 7, 3, 6};
        Drawing d = PredictionGallery.of("predictions", images, labels, predicted, PredictionGallery.FASHION_MNIST_CLASSES, 5);
        Document svg = SvgFiles.parse(Pictures.svg(d));
        assertEquals(List.of("image-0", "image-2", "image-3"), SvgFiles.groups(svg, "right"));
        assertEquals(List.of("image-1", "image-4"), SvgFiles.groups(svg, "wrong"));
        String words = SvgFiles.text(svg);
        assertTrue(words.contains("5 test images: 3 predicted right (green), 2 wrong (red, framed).")
                && words.contains("true: ankle boot\n✗ sneaker\n") && words.contains("true: t-shirt\n✓ t-shirt\n"), words);
        BufferedImage png = SvgFiles.png(Pictures.png(d));
        List<Integer> sizes = new ArrayList<>(List.of(png.getWidth(), png.getHeight()));
        assertEquals(List.of(S * d.width(), S * d.height()), sizes);

        assertEquals("need one true and one predicted label per image, but got 5 images, 4 labels and 5 predictions",
                assertThrows(IllegalArgumentException.class, () -> PredictionGallery.of("p", images, new int[4], predicted,
                        PredictionGallery.FASHION_MNIST_CLASSES, 5)).getMessage());
        assertEquals("image 1: labels must be classes 0 to 9, but got true 10, predicted 7",
                assertThrows(IllegalArgumentException.class, () -> PredictionGallery.of("p", images, new int[] {0, 10, 7, 3, 5}, predicted,
                        PredictionGallery.FASHION_MNIST_CLASSES, 5)).getMessage());
        assertEquals("images must be square (28 x 28 = 784 pixels), but got shape [5, 10]",
                assertThrows(IllegalArgumentException.class, () -> PredictionGallery.of("p", Tensor.zeros(5, 10), labels, predicted,
                        PredictionGallery.FASHION_MNIST_CLASSES, 5)).getMessage());
    }
}
