package dev.nabla.nn.data;

import dev.nabla.nn.io.Sizes;
import java.util.Arrays;
import java.util.Objects;

/**
 * The contents of an IDX file of unsigned bytes (the MNIST format): its dimensions, e.g.
 * [60000, 28, 28], and the values row-major.
 */
public record IdxArray(int[] dims, byte[] data) {
    /** Checks that the data fills the dimensions exactly (the count computed without overflow). */
    public IdxArray {
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(data, "data");
        if (dims.length == 0) throw new IllegalArgumentException("IdxArray: dims must have at least one dimension");
        long n;
        try {
            n = Sizes.numel(dims);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("IdxArray: dims " + Arrays.toString(dims) + " are not a valid shape ("
                    + e.getMessage() + ")");
        }
        if (n != data.length) {
            throw new IllegalArgumentException("IdxArray: dims " + Arrays.toString(dims) + " need " + n + " values, but got "
                    + data.length);
        }
        dims = dims.clone();
    }

    /** Value at flat index i, as 0-255. */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    /** Size of the first dimension: the number of items. */
    public int count() {
        return dims[0];
    }

    /** A copy of the dimensions. */
    @Override
    public int[] dims() {
        return dims.clone();
    }
}
