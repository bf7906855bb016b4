package dev.nabla.nn.data;

import dev.nabla.core.Tensor;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.Dataset;

/**
 * Grayscale images kept as bytes (a quarter of the memory of floats) and scaled to [0, 1] one
 * batch at a time, as d2l's {@code ToTensor()}: a batch is [B, 1, height, width].
 */
public final class ImageDataset implements Dataset {

    private final byte[] pixels;
    private final int[] labels;
    private final int height, width;

    /** Images of height x width bytes, row-major, one after another, with their labels. */
    public ImageDataset(byte[] pixels, int[] labels, int height, int width) {
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException("ImageDataset: " + labels.length + " labels of " + height + "x" + width
                    + " images need " + (long) labels.length * height * width + " pixels, but got " + pixels.length);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
    }

    @Override
    public int size() {
        return labels.length;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The first {@code n} examples (a view, no copy); n larger than the size is an error. */
    public ImageDataset take(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("take: " + n + " examples requested, but the dataset has " + size());
        if (n == size()) return this;
        return new ImageDataset(java.util.Arrays.copyOf(pixels, n * height * width), java.util.Arrays.copyOf(labels, n), height, width);
    }

    @Override
    public Batch get(int[] indices) {
        int[] y = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            if (indices[b] < 0 || indices[b] >= labels.length) {
                throw new IndexOutOfBoundsException("ImageDataset: index " + indices[b] + " is out of range for " + labels.length + " images");
            }
            y[b] = labels[indices[b]];
        }
        return new Batch(Tensor.fromUnsignedBytes(pixels, indices, height * width, 1 / 255f, indices.length, 1, height, width), y);
    }
}
