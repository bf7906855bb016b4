package dev.nabla.core.kernel;

/**
 * Walks the rows of a broadcast binary op: the output's last dimension is one contiguous row,
 * and each input either walks along it (step 1) or repeats one value (step 0).
 */
final class Broadcasting {
    private Broadcasting() {}

    /** Receives one output row: where a and b start, their steps (0 or 1), and the row's extent. */
    @FunctionalInterface
    interface Row {
        void apply(int aOff, int aStep, int bOff, int bStep, int outOff, int len);
    }

    static void forEachRow(int[] aShape, int[] bShape, int[] outShape, Row row) {
        int rank = outShape.length;
        int[] as = strides(aShape, outShape), bs = strides(bShape, outShape);
        int len = rank == 0 ? 1 : outShape[rank - 1];
        int aStep = rank == 0 ? 0 : as[rank - 1], bStep = rank == 0 ? 0 : bs[rank - 1];
        int rows = 1;  // exact: the op checked that outShape's count fits an int, and a zero size makes it 0 even past a wrap
        for (int d = 0; d < rank - 1; d++) rows *= outShape[d];
        if (len == 0 || rows == 0) return;
        int[] idx = new int[Math.max(rank - 1, 0)];
        int aOff = 0, bOff = 0;
        for (int r = 0; r < rows; r++) {
            row.apply(aOff, aStep, bOff, bStep, r * len, len);
            for (int d = rank - 2; d >= 0; d--) {  // odometer over the leading dimensions
                aOff += as[d];
                bOff += bs[d];
                if (++idx[d] < outShape[d]) break;
                aOff -= as[d] * outShape[d];
                bOff -= bs[d] * outShape[d];
                idx[d] = 0;
            }
        }
    }

    /** Row-major strides of {@code shape} seen through {@code outShape}: 0 where it repeats. */
    static int[] strides(int[] shape, int[] outShape) {
        int rank = outShape.length, offset = rank - shape.length;
        int[] s = new int[rank];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d + offset] = shape[d] == 1 ? 0 : stride;
            stride *= shape[d];
        }
        return s;
    }
}
