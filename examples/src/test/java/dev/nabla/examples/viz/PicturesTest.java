package dev.nabla.examples.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Rendering: the same drawing as PNG (twice the size) and as SVG that parses, written atomically. */
class PicturesTest {
    static final Drawing SQUARE = new Drawing(120, 80, g -> {
        g.setColor(Color.RED);
        g.fill(new Rectangle2D.Double(10, 10, 20, 20));
        Pictures.beginGroup(g, "label", "caption");
        g.setColor(Color.BLACK);
        Pictures.text(g, "a < b & c", 60, 40, Pictures.Align.CENTER);
        Pictures.endGroup(g);
    });

    @Test
    void pngHasTheSignatureTwiceTheSizeAndThePaint() throws Exception {
        BufferedImage img = SvgFiles.png(Pictures.png(SQUARE));
        assertEquals(120 * Pictures.PNG_SCALE, img.getWidth());
        assertEquals(80 * Pictures.PNG_SCALE, img.getHeight());
        assertEquals(Color.RED.getRGB(), img.getRGB(2 * 20, 2 * 20), "the red square, at twice its coordinates");
        assertEquals(Color.WHITE.getRGB(), img.getRGB(2 * 5, 2 * 75), "white background");
    }

    @Test
    void svgParsesHasAViewBoxGroupsAndEscapedText() throws Exception {
        String svg = Pictures.svg(SQUARE);
        Document doc = SvgFiles.parse(svg);
        assertEquals("0 0 120 80", doc.getDocumentElement().getAttribute("viewBox").replace(".0", ""));
        assertEquals(List.of("label"), SvgFiles.groups(doc, "caption"));
        assertEquals("a < b & c\n", SvgFiles.text(doc));
        assertTrue(svg.contains("DejaVu Sans"), "names the font Java2D measured with");
    }

    @Test
    void writeReplacesBothFilesAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("sub/picture");
        assertEquals(List.of(dir.resolve("sub/picture.png"), dir.resolve("sub/picture.svg")), Pictures.write(base, SQUARE));
        assertArrayEquals(Pictures.png(SQUARE), Files.readAllBytes(dir.resolve("sub/picture.png")));
        SvgFiles.parse(Files.readAllBytes(dir.resolve("sub/picture.svg")));
        Pictures.write(base, SQUARE);
        try (var files = Files.list(dir.resolve("sub"))) {
            assertEquals(2, files.count(), "only the two pictures");
        }
    }

    @Test
    void aDrawingNeedsAPositiveSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Drawing(0, 10, g -> { }));
        assertEquals("a drawing needs a positive size, but got 0 x 10", e.getMessage());
    }

    @Test
    void numbersAndTicksAreRound() {
        assertEquals("14", Pictures.number(14.0, 2));
        assertEquals("0.37", Pictures.number(0.37291485, 2));
        assertEquals("1.5", Pictures.number(1.50, 2));
        assertEquals("-2", Pictures.number(-2, 2));
        assertArrayEquals(new int[] {0, 50, 100, 150, 200, 250}, Pictures.ticks(256, 6));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, Pictures.ticks(8, 8));
        assertArrayEquals(new int[] {0, 20, 40, 60}, Pictures.ticks(64, 6));
        assertArrayEquals(new int[] {0}, Pictures.ticks(1, 6));
    }
}
