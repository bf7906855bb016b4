package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sizes that do not fit: every element count, product and bound is exact (see {@link Shapes}),
 * so a size that would wrap around is refused with the op, the shape and the true count, and a
 * zero-size tensor with huge other sizes, which PyTorch allows, works.
 */
class SizeOverflowTest {
    private static final int BIG = 65536;  // 2^16: two of them wrap an int to 0, four a long

    private static String refused(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void factoriesRefuseCountsThatWrap() {
        assertEquals("Tensor.full: shape [65536, 65536, 65536, 65536] has 18446744073709551616 elements, more than the "
                + "2147483639 one tensor can hold", refused(() -> Tensor.zeros(BIG, BIG, BIG, BIG)));
        assertEquals("Tensor.full: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.ones(BIG, BIG)));
        assertEquals("Tensor.full: shape [2147483647] has 2147483647 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.full(1f, Integer.MAX_VALUE)));
        assertEquals("Tensor.full: shape [3, 1431655765] has 4294967295 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.rand(new Rng(1), 3, 1431655765)));
        assertEquals("Tensor.of: shape [65536, 65536, 65536, 65536] has 18446744073709551616 elements, more than the "
                + "2147483639 one tensor can hold", refused(() -> Tensor.of(new float[0], BIG, BIG, BIG, BIG)));
        assertEquals("Tensor.wrap: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.wrap(new float[0], BIG, BIG)));
        float[] row = new float[BIG];
        float[][] rows = new float[BIG][];
        Arrays.fill(rows, row);  // 2^16 rows sharing one array: rows x cols wraps an int to 0
        assertEquals("Tensor.of: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.of(rows)));
    }

    @Test
    void arangeComputesItsLengthExactly() {
        assertEquals("Tensor.arange: [-2147483648, 2147483647) has 4294967295 elements, more than the 2147483639 one tensor "
                + "can hold", refused(() -> Tensor.arange(Integer.MIN_VALUE, Integer.MAX_VALUE)));
        assertArrayEquals(new float[] {-2147483648f, -2147483647f}, Tensor.arange(Integer.MIN_VALUE, Integer.MIN_VALUE + 2).toArray());
        assertArrayEquals(new int[] {0}, Tensor.arange(Integer.MAX_VALUE, Integer.MAX_VALUE).shape());
    }

    @Test
    void boundsChecksDoNotOverflow() {
        Tensor x = Tensor.zeros(3, 4);
        assertEquals("narrow: start 1 and length 2147483647 do not fit dimension 0 of size 3 (start + length = 2147483648)",
                refused(() -> x.narrow(0, 1, Integer.MAX_VALUE)));
        assertEquals("narrow: start 2147483647 and length 1 do not fit dimension 1 of size 4 (start + length = 2147483648)",
                refused(() -> x.narrow(1, Integer.MAX_VALUE, 1)));
        assertEquals("narrow: start -1 and length 2 do not fit dimension 0 of size 3 (start + length = 1)",
                refused(() -> x.narrow(0, -1, 2)));
        assertArrayEquals(new int[] {0, 4}, x.narrow(0, 3, 0).shape());
        assertEquals("get: index -2147483648 is out of bounds for dimension 0 with size 3 (shape [3, 4])",
                refused(() -> x.get(Integer.MIN_VALUE, 0)));
        assertEquals("indexSelect: index 2147483647 is out of bounds for dimension 1 with size 4 (shape [3, 4])",
                refused(() -> x.indexSelect(1, Integer.MAX_VALUE)));
    }

    @Test
    void opsRefuseResultsThatWouldNotFit() {
        assertEquals("add: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(BIG, 1).add(Tensor.zeros(1, BIG))));
        assertEquals("gt: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(BIG, 1).gt(Tensor.zeros(BIG))));
        assertEquals("expand: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.ones(1, 1).expand(BIG, BIG)));
        assertEquals("matmul: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(BIG, 0).matmul(Tensor.zeros(0, BIG))));
        assertEquals("linear: shape [65536, 65536, 2] has 8589934592 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(BIG, BIG, 0).linear(Tensor.zeros(2, 0), null)));
        assertEquals("indexSelect: shape [1048576, 4096] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(1, 4096).indexSelect(0, new int[1 << 20])));
        assertEquals("sum: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(0, BIG, BIG).sum(0, false)));
        assertEquals("mean: shape [65536, 1, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(BIG, 0, BIG).mean(1, true)));
        assertEquals("flatten: shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one tensor can hold",
                refused(() -> Tensor.zeros(0, BIG, BIG).flatten(1)));
        assertEquals("reshape: shape [65536, 65537, -1] is invalid for a tensor of 65536 elements",
                refused(() -> Tensor.zeros(BIG).reshape(BIG, BIG + 1, -1)));
        assertEquals("reshape: shape [65536, 65536] is invalid for a tensor of 0 elements",  // 2^32 wraps an int to 0
                refused(() -> Tensor.zeros(0).reshape(BIG, BIG)));
    }

    @Test
    void emptyTensorsWithHugeSizesWorkAsInPyTorch() {
        Tensor x = Tensor.zeros(0, BIG, BIG).requiresGrad(true);  // torch.zeros(0, 65536, 65536) is a valid empty tensor
        assertEquals(0, x.numel());
        assertArrayEquals(new int[] {BIG, BIG, 0}, x.transpose(0, 2).shape());
        assertArrayEquals(new int[] {0, BIG, BIG}, x.softmax(0).shape());
        assertArrayEquals(new int[] {0, BIG}, x.sum(1, false).shape());
        assertArrayEquals(new int[] {0}, x.flatten().shape());
        assertArrayEquals(new int[] {BIG, 0, BIG}, x.reshape(BIG, 0, BIG).shape());
        assertArrayEquals(new int[] {0, BIG, 3}, x.linear(Tensor.zeros(3, BIG), Tensor.zeros(3)).shape());
        Tensor y = x.mul(2f).add(1f).relu().sum();
        y.backward();
        assertArrayEquals(new int[] {0, BIG, BIG}, x.grad().shape());
        Tensor a = Tensor.zeros(BIG, BIG, 1, 0), b = Tensor.zeros(0, 0);  // a batch of 2^32 empty products
        assertArrayEquals(new int[] {BIG, BIG, 1, 0}, a.matmul(b).shape());
    }

    @Test
    void fillMaskChecksItsCount() {
        assertEquals("fillMask: n 5 is outside 0 to 4 (out's length)",
                refused(() -> new Rng(1).fillMask(new float[4], 5, 0.5, 2f)));
        assertEquals("fillMask: n -1 is outside 0 to 4 (out's length)",
                refused(() -> new Rng(1).fillMask(new float[4], -1, 0.5, 2f)));
    }
}
