package dev.nabla.nn.data;

import dev.nabla.core.Tensor;
import java.util.Arrays;

/**
 * 8-bit data (images, mostly) to float tensors, a batch at a time: keeping the bytes and
 * converting only the batch in use takes a quarter of the memory of floats, as d2l's
 * {@code ToTensor()} does per image.
 */
public final class UnsignedBytes {
    private UnsignedBytes() {}

    /**
     * Rows of {@code src} as floats times {@code scale}: row r of the result is row
     * {@code rows[r]} of {@code src}, each row {@code rowLength} bytes read as 0..255.
     * {@code UnsignedBytes.rows(pixels, batch, 784, 1/255f, batch.length, 1, 28, 28)} is a
     * Fashion-MNIST batch scaled to [0, 1].
     *
     * @throws IllegalArgumentException if a row is out of range or the rows do not fill {@code shape}
     */
    public static Tensor rows(byte[] src, int[] rows, int rowLength, float scale, int... shape) {
        long size = 1;
        for (int d : shape) size *= d;
        if ((long) rows.length * rowLength != size) {
            throw new IllegalArgumentException("UnsignedBytes.rows: " + rows.length + " rows of " + rowLength
                    + " bytes cannot fill shape " + Arrays.toString(shape));
        }
        int count = rowLength == 0 ? 0 : src.length / rowLength;
        for (int r : rows) {
            if (r < 0 || r >= count) {
                throw new IllegalArgumentException("UnsignedBytes.rows: row " + r + " is out of range for " + count
                        + " rows of " + rowLength + " bytes");
            }
        }
        byte[] batch = new byte[rows.length * rowLength];  // gather the rows, then widen them all in one kernel call
        for (int r = 0; r < rows.length; r++) System.arraycopy(src, rows[r] * rowLength, batch, r * rowLength, rowLength);
        return Tensor.fromUnsignedBytes(batch, scale, shape);
    }
}
