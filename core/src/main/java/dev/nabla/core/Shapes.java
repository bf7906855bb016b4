package dev.nabla.core;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Shape arithmetic and the checks that turn bad shapes and dims into clear errors. The one place
 * where core multiplies or adds sizes: every element count, product of sizes and bound is
 * computed exactly here, so a size that does not fit is an {@link IllegalArgumentException} that
 * names the op, the shape and the true count, never a count that silently wrapped around.
 */
final class Shapes {
    /** The most elements a tensor holds: the longest array a JVM reliably allocates (a few words are its header). */
    static final int MAX_NUMEL = Integer.MAX_VALUE - 8;

    private Shapes() {}

    /**
     * The number of elements of {@code shape} (0 if any size is 0), checked to fit one array.
     *
     * @throws IllegalArgumentException for a negative size, or "{op}: shape [...] has N elements,
     *         more than ..." with the exact N
     */
    static int numel(int[] shape, String op) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension " + d + " in shape " + str(shape));
        }
        for (int d : shape) if (d == 0) return 0;
        long n = 1;
        for (int d : shape) {
            n *= d;  // n ≤ MAX_NUMEL before each step and d < 2³¹: the long cannot overflow before the check
            if (n > MAX_NUMEL) throw tooMany(op, shape, exact(shape));
        }
        return (int) n;
    }

    /** A count computed elsewhere (a range's length, rows × columns), checked to fit one array. */
    static int count(long n, String op, String what) {
        if (n < 0 || n > MAX_NUMEL) {
            throw new IllegalArgumentException(op + ": " + what + " has " + n + " elements, " + (n < 0 ? "a negative count"
                    : "more than the " + MAX_NUMEL + " one tensor can hold"));
        }
        return (int) n;
    }

    private static IllegalArgumentException tooMany(String op, int[] shape, BigInteger n) {
        return new IllegalArgumentException(op + ": shape " + str(shape) + " has " + n + " elements, more than the "
                + MAX_NUMEL + " one tensor can hold");
    }

    private static BigInteger exact(int[] shape) {
        BigInteger n = BigInteger.ONE;
        for (int d : shape) n = n.multiply(BigInteger.valueOf(d));
        return n;
    }

    /**
     * The product of the sizes {@code shape[from..to)}, for the {@code [outer, n, inner]} views of
     * the kernels. Exact for every shape a tensor can have: a sub-product of a non-empty shape is
     * at most its element count. Only a shape with a zero size elsewhere can have a larger
     * product; then it is 0, because there is no work (an op whose output would be that large
     * checked its output's {@link #numel} first and failed).
     */
    static int product(int[] shape, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= shape[i];
            if (n > MAX_NUMEL) {
                for (int d : shape) if (d == 0) return 0;
                throw new IllegalArgumentException("sizes " + from + " to " + (to - 1) + " of shape " + str(shape)
                        + " multiply to more than " + MAX_NUMEL);  // not a tensor's shape: its numel would fail
            }
        }
        return (int) n;
    }

    /** Product of the sizes before {@code dim} (see {@link #product}). */
    static int outer(int[] shape, int dim) {
        return product(shape, 0, dim);
    }

    /** Product of the sizes after {@code dim} (see {@link #product}). */
    static int inner(int[] shape, int dim) {
        return product(shape, dim + 1, shape.length);
    }

    /** The row-major position of an element, given one checked index per dimension (below numel, so exact). */
    static int offset(int[] shape, int[] index) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + index[d];
        return flat;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** A defensive copy of {@code shape} (not null), rejecting negative sizes and sizes too large. */
    static int[] checked(int[] shape, String op) {
        numel(shape, op);
        return shape.clone();
    }

    /**
     * Checks that {@code [start, start + length)} lies in {@code [0, size)}, without computing a
     * sum that could overflow.
     */
    static void checkRange(int start, int length, int size, String op, String what) {
        if (start < 0 || length < 0 || start > size || length > size - start) {
            throw new IllegalArgumentException(op + ": start " + start + " and length " + length + " do not fit "
                    + what + " of size " + size + " (start + length = " + ((long) start + length) + ")");
        }
    }

    /** NumPy broadcasting: align right; sizes must match or one of them be 1. */
    static int[] broadcast(int[] a, int[] b, String op) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1, db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast: dimension " + (rank - i) + " of the result would need "
                        + da + " and " + db + " to match (or one of them to be 1)");
            }
            out[rank - i] = Math.max(da, db) == 1 ? Math.min(da, db) : Math.max(da, db);
        }
        return out;
    }

    /** Turns a possibly negative dim into an index in [0, rank), as PyTorch does. */
    static int dim(int dim, int rank, String op) {
        int lo = -Math.max(rank, 1), hi = Math.max(rank, 1) - 1;
        if (dim < lo || dim > hi) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for a tensor of rank "
                    + rank + " (expected " + lo + " to " + hi + ")");
        }
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    /** {@code shape} with dimension {@code dim} set to 1 (keepDim) or removed. */
    static int[] reduce(int[] shape, int dim, boolean keepDim) {
        if (shape.length == 0) return shape;
        if (keepDim) {
            int[] s = shape.clone();
            s[dim] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != dim) s[j++] = shape[i];
        return s;
    }

    /** The product of the sizes, or MAX_NUMEL + 1 for any product larger than that (no tensor has that many). */
    private static long cappedProduct(int[] shape) {
        long n = 1;
        for (int d : shape) if (d == 0) return 0;
        for (int d : shape) n = Math.min(n * d, MAX_NUMEL + 1L);  // n ≤ 2³¹ and d < 2³¹: the long cannot overflow
        return n;
    }

    private static IllegalArgumentException invalid(String op, int[] shape, int numel) {
        return new IllegalArgumentException(op + ": shape " + str(shape) + " is invalid for a tensor of " + numel + " elements");
    }

    /** Resolves one -1 in {@code shape} so the total is {@code numel}, with PyTorch's errors. */
    static int[] infer(int[] shape, int numel, String op) {
        int[] s = shape.clone();
        int unknown = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, but got " + str(shape));
                unknown = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + s[i] + " in shape " + str(shape));
            }
        }
        if (unknown < 0) {
            if (cappedProduct(s) == numel) return s;
            throw invalid(op, shape, numel);
        }
        s[unknown] = 1;
        long known = cappedProduct(s);
        if (known == 0) {
            throw new IllegalArgumentException(op + ": cannot reshape a tensor of " + numel + " elements into shape "
                    + str(shape) + " because the unspecified dimension size -1 can be any value and is ambiguous");
        }
        if (numel % known != 0) throw invalid(op, shape, numel);
        s[unknown] = (int) (numel / known);
        return s;
    }
}
