package dev.nabla.examples.viz;

import java.awt.Graphics2D;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A picture of {@code width} x {@code height} units (CSS pixels in SVG), painted by Java2D code.
 * {@link Pictures} renders it to PNG and SVG.
 *
 * @param width  width in pixels, positive
 * @param height height in pixels, positive
 * @param painter draws the picture on a canvas of that size (white background already filled)
 */
public record Drawing(int width, int height, Consumer<Graphics2D> painter) {
    /** @throws IllegalArgumentException for a size that is not positive */
    public Drawing {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a drawing needs a positive size, but got " + width + " x " + height);
        }
        Objects.requireNonNull(painter, "painter");
    }
}
