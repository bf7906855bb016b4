package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** matmul's values and shapes in every case PyTorch defines. */
class MatMulTest {
    private final Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    private final Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);

    @Test
    void matrixMatrix() {
        assertArrayEquals(new float[] {58, 64, 139, 154}, a.matmul(b).toArray());
        assertArrayEquals(new int[] {2, 2}, a.matmul(b).shape());
    }

    @Test
    void vectorCases() {
        Tensor v = Tensor.of(new float[] {1, 0, -1}, 3);
        assertArrayEquals(new float[] {-2, -2}, a.matmul(v).toArray());
        assertArrayEquals(new int[] {2}, a.matmul(v).shape());
        assertArrayEquals(new float[] {-4, -4}, v.matmul(b).toArray());
        assertEquals(2f, v.matmul(v).item());
        assertEquals(0, v.matmul(v).dim());
    }

    @Test
    void batchedAndBroadcast() {
        Tensor batch = Tensor.arange(12).reshape(2, 2, 3);
        Tensor c = batch.matmul(b);
        assertArrayEquals(new int[] {2, 2, 2}, c.shape());
        assertArrayEquals(Tensor.arange(6, 12).reshape(2, 3).matmul(b).toArray(),
                c.indexSelect(0, 1).reshape(2, 2).toArray());
        assertArrayEquals(new int[] {4, 2, 2, 2}, Tensor.ones(4, 1, 2, 3).matmul(Tensor.ones(2, 3, 2)).shape());
    }

    @Test
    void largeProductAgreesWithNaiveLoop() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 67, 300), y = Tensor.randn(rng, 300, 45);  // big enough for EJML's threads
        float[] c = x.matmul(y).toArray(), xs = x.toArray(), ys = y.toArray();
        for (int i = 0; i < 67; i++)
            for (int j = 0; j < 45; j++) {
                double s = 0;
                for (int k = 0; k < 300; k++) s += (double) xs[i * 300 + k] * ys[k * 45 + j];
                assertEquals(s, c[i * 45 + j], 1e-3);
            }
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        assertArrayEquals(new float[] {0, 0, 0, 0}, Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 2)).toArray());
    }

    @Test
    void shapeErrorsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul: [2, 3] @ [4, 5]: inner dimensions 3 and 4 differ", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1f).matmul(Tensor.zeros(3)));
        assertEquals("matmul: both arguments need at least 1 dimension, but got shapes [] and [3]; use mul for scalars",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)));
        assertEquals("matmul (batch dimensions of [2, 2, 3] @ [3, 3, 1]): shapes [2] and [3] cannot be broadcast: "
                + "dimension 0 of the result would need 2 and 3 to match (or one of them to be 1)", e.getMessage());
    }
}
