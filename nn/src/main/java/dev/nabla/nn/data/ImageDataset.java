package dev.nabla.nn.data;

/**
 * Grayscale images kept as bytes (a quarter of the memory of floats) and scaled to [0, 1] one
 * batch at a time, as d2l's {@code ToTensor()}: a batch is [B, 1, height, width].
 */
public final class ImageDataset implements Dataset {

    private final byte[] pixels;
    private final int[] labels;
    private final int size, height, width;

    /** Images of height x width bytes, row-major, one after another, with their labels. */
    public ImageDataset(byte[] pixels, int[] labels, int height, int width) {
        this(pixels, labels, labels.length, height, width);
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException("ImageDataset: " + labels.length + " labels of " + height + "x" + width
                    + " images need " + (long) labels.length * height * width + " pixels, but got " + pixels.length);
        }
    }

    /** The first {@code size} images of {@code pixels} and {@code labels}, which may hold more. */
    private ImageDataset(byte[] pixels, int[] labels, int size, int height, int width) {
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
        this.height = height;
        this.width = width;
    }

    @Override
    public int size() {
        return size;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[checked(i)];
    }

    /** The first {@code n} examples: a view of the same bytes and labels, no copy; n larger than the size is an error. */
    public ImageDataset take(int n) {
        if (n < 0 || n > size) throw new IllegalArgumentException("take: " + n + " examples requested, but the dataset has " + size);
        return n == size ? this : new ImageDataset(pixels, labels, n, height, width);
    }

    @Override
    public Batch get(int[] indices) {
        int[] y = new int[indices.length];
        for (int b = 0; b < indices.length; b++) y[b] = labels[checked(indices[b])];
        return new Batch(UnsignedBytes.rows(pixels, indices, height * width, 1 / 255f, indices.length, 1, height, width), y);
    }

    private int checked(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("ImageDataset: index " + i + " is out of range for " + size + " images");
        return i;
    }
}
