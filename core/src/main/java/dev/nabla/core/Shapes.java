package dev.nabla.core;

import java.util.Arrays;

/** Shape arithmetic and the checks that turn bad shapes and dims into clear errors. */
final class Shapes {
    private Shapes() {}

    static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + str(shape) + " has " + n + " elements, more than a "
                    + "Java array can hold (" + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** A defensive copy of {@code shape}, rejecting negative sizes. */
    static int[] checked(int[] shape, String op) {
        if (shape == null) throw new IllegalArgumentException(op + ": shape must not be null");
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension " + d + " in shape " + str(shape));
        }
        numel(shape);
        return shape.clone();
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

    /** Product of the sizes before {@code dim}. */
    static int outer(int[] shape, int dim) {
        int n = 1;
        for (int i = 0; i < dim; i++) n *= shape[i];
        return n;
    }

    /** Product of the sizes after {@code dim}. */
    static int inner(int[] shape, int dim) {
        int n = 1;
        for (int i = dim + 1; i < shape.length; i++) n *= shape[i];
        return n;
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

    /** Resolves one -1 in {@code shape} so the total is {@code numel}. */
    static int[] infer(int[] shape, int numel, String op) {
        int[] s = shape.clone();
        int unknown = -1, known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, but got " + str(shape));
                unknown = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + s[i] + " in shape " + str(shape));
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0 && known != 0 && numel % known == 0) s[unknown] = numel / known;
        if ((unknown >= 0 && s[unknown] == -1) || numel(s) != numel) {
            throw new IllegalArgumentException(op + ": shape " + str(shape) + " is invalid for a tensor of "
                    + numel + " elements");
        }
        return s;
    }
}
