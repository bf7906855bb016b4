package dev.nabla.nn.io;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one place where nn's file readers turn sizes from a header into counts: every product and
 * sum is exact ({@link Math#multiplyExact}), and every limit explicit, so a lying header is an
 * {@link IOException} that names the file, the field and the value instead of a count that
 * silently wrapped around.
 */
public final class Sizes {
    /** The longest array a JVM reliably allocates (a few words are reserved for the header). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Sizes() {}

    /**
     * The exact number of elements of {@code dims}: 0 when any dimension is 0, else the product.
     *
     * @throws IllegalArgumentException if a dimension is negative
     * @throws ArithmeticException if the product does not fit in a {@code long}
     */
    public static long numel(long... dims) {
        Objects.requireNonNull(dims, "dims");
        for (long d : dims) if (d < 0) throw new IllegalArgumentException("negative dimension " + d + " in " + Arrays.toString(dims));
        for (long d : dims) if (d == 0) return 0;
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    /** {@link #numel(long...)} of int dimensions. */
    public static long numel(int... dims) {
        Objects.requireNonNull(dims, "dims");
        return numel(Arrays.stream(dims).asLongStream().toArray());
    }

    /**
     * Checks a shape read from a file and returns its element count: each dimension must be 0 to
     * 2³¹-1 (a tensor's or array's dimension is an int) and the count at most {@code maxElements}.
     *
     * @param where the file, as the message should name it ("IDX file data/x.gz")
     * @param field the header field the shape came from ("dimensions", "tensor 'w' shape")
     * @throws IOException "{where}: {field} [...] ..." saying which value is impossible
     */
    public static int elementCount(String where, String field, long[] dims, long maxElements) throws IOException {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(dims, "dims");
        String shown = where + ": " + field + " " + Arrays.toString(dims);
        for (long d : dims) {
            if (d < 0) throw new IOException(shown + ": negative dimension " + d);
            if (d > Integer.MAX_VALUE) throw new IOException(shown + ": dimension " + d + " is larger than 2147483647");
        }
        long limit = Math.min(maxElements, MAX_ARRAY_LENGTH);
        long n;
        try {
            n = numel(dims);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > limit) {
            throw new IOException(shown + ": " + exactProduct(dims) + " elements, more than the " + limit
                    + (limit == MAX_ARRAY_LENGTH ? " one array can hold" : " allowed here"));
        }
        return (int) n;
    }

    /** {@link #elementCount(String, String, long[], long)} of int dimensions. */
    public static int elementCount(String where, String field, int[] dims, long maxElements) throws IOException {
        Objects.requireNonNull(dims, "dims");
        return elementCount(where, field, Arrays.stream(dims).asLongStream().toArray(), maxElements);
    }

    /**
     * {@code count · elementSize}, exactly.
     *
     * @throws IOException naming {@code where} and {@code field} if the product overflows a long
     */
    public static long byteSize(String where, String field, long count, int elementSize) throws IOException {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(field, "field");
        if (count < 0 || elementSize < 0) throw new IllegalArgumentException("negative size: " + count + " x " + elementSize);
        try {
            return Math.multiplyExact(count, elementSize);
        } catch (ArithmeticException e) {
            throw new IOException(where + ": " + field + " needs " + BigInteger.valueOf(count).multiply(BigInteger.valueOf(elementSize))
                    + " bytes, more than a file can hold");
        }
    }

    /** The product of {@code dims} without overflow, for messages. */
    private static BigInteger exactProduct(long[] dims) {
        BigInteger n = BigInteger.ONE;
        for (long d : dims) n = n.multiply(BigInteger.valueOf(d));
        return n;
    }
}
