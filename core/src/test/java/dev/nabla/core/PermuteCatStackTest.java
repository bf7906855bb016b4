package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** permute, cat and stack: values and shapes as PyTorch 1.13 prints them, gradients routed back, and the messages of bad input. */
class PermuteCatStackTest {
    private static String error(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void permuteReordersDimensions() {
        // torch.arange(24.).reshape(2, 3, 4).permute(2, 0, 1): shape [4, 2, 3], starting 0, 4, 8, 12, 16, 20, 1, 5, ...
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor y = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, y.shape());
        float[] v = y.toArray();
        assertArrayEquals(new float[] {0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21}, java.util.Arrays.copyOf(v, 12));
        for (int i = 0; i < 4; i++)
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 3; b++) assertEquals(x.get(a, b, i), y.get(i, a, b));
        assertArrayEquals(y.toArray(), x.permute(-1, 0, 1).toArray(), "negative dims count from the end");
        assertArrayEquals(x.transpose(0, 2).toArray(), x.permute(2, 1, 0).toArray(), "a swap is a transpose");
        assertArrayEquals(x.toArray(), x.permute(0, 1, 2).toArray());
        assertEquals(7f, Tensor.scalar(7f).permute().item());
        assertEquals("PermuteBackward", x.requiresGrad(true).permute(1, 0, 2).gradFn());
    }

    @Test
    void permuteGradientIsThePermutationUndone() {
        Tensor x = Tensor.arange(6).reshape(1, 2, 3).requiresGrad(true);
        x.permute(2, 0, 1).mul(Tensor.arange(6).reshape(3, 1, 2)).sum().backward();
        // the weight at y[i, 0, a] = x[0, a, i] is 2i + a
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5}, x.grad().toArray());
    }

    @Test
    void catJoinsAlongADimension() {
        // torch.cat([torch.arange(6.).reshape(2, 3), torch.arange(10., 14).reshape(2, 2)], 1): [[0, 1, 2, 10, 11], [3, 4, 5, 12, 13]]
        Tensor a = Tensor.arange(6).reshape(2, 3), b = Tensor.arange(10, 14).reshape(2, 2);
        Tensor y = Tensor.cat(1, a, b);
        assertArrayEquals(new int[] {2, 5}, y.shape());
        assertArrayEquals(new float[] {0, 1, 2, 10, 11, 3, 4, 5, 12, 13}, y.toArray());
        assertArrayEquals(y.toArray(), Tensor.cat(-1, a, b).toArray());
        assertEquals("CatBackward", Tensor.cat(0, a.requiresGrad(true), a).gradFn());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, Tensor.cat(0, a, a).toArray());
        assertArrayEquals(new int[] {4, 0}, Tensor.cat(0, Tensor.zeros(2, 0), Tensor.zeros(2, 0)).shape());
        assertArrayEquals(new int[] {2, 3}, Tensor.cat(0, a, Tensor.zeros(0, 3)).shape());
    }

    @Test
    void catGradientIsEachInputsBand() {
        Tensor a = Tensor.ones(2, 1).requiresGrad(true), b = Tensor.ones(2, 2).requiresGrad(true);
        Tensor.cat(1, a, b, a).mul(Tensor.arange(8).reshape(2, 4)).sum().backward();
        assertArrayEquals(new float[] {0 + 3, 4 + 7}, a.grad().toArray(), "a used twice: both bands add up");
        assertArrayEquals(new float[] {1, 2, 5, 6}, b.grad().toArray());
    }

    @Test
    void stackAddsADimension() {
        // torch.stack([a, a + 10], 1): [[[0, 1, 2], [10, 11, 12]], [[3, 4, 5], [13, 14, 15]]]; stack(..., -1) is [2, 3, 2]
        Tensor a = Tensor.arange(6).reshape(2, 3), b = a.add(10f);
        Tensor y = Tensor.stack(1, a, b);
        assertArrayEquals(new int[] {2, 2, 3}, y.shape());
        assertArrayEquals(new float[] {0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15}, y.toArray());
        assertArrayEquals(new int[] {2, 3, 2}, Tensor.stack(-1, a, b).shape());
        assertArrayEquals(new int[] {3, 2, 3}, Tensor.stack(0, a, b, a).shape());
        assertArrayEquals(new int[] {2}, Tensor.stack(0, Tensor.scalar(1f), Tensor.scalar(2f)).shape());
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor stacked = Tensor.stack(0, x, x.mul(2f));
        assertEquals("StackBackward", stacked.gradFn());
        stacked.sum().backward();
        assertArrayEquals(new float[] {3, 3, 3}, x.grad().toArray());
    }

    @Test
    void badInputIsExplained() {
        Tensor a = Tensor.zeros(2, 3);
        assertEquals("permute: a tensor of shape [2, 3] has 2 dimensions, but dims [0] names 1; give each dimension exactly once",
                error(() -> a.permute(0)));
        assertEquals("permute: dimension 0 appears twice in dims [0, -2] (shape [2, 3]); give each dimension exactly once",
                error(() -> a.permute(0, -2)));
        assertEquals("permute: dimension 2 is out of range for a tensor of rank 2 (expected -2 to 1)", error(() -> a.permute(0, 2)));
        assertEquals("cat: shapes [2, 3] (tensor 0) and [2, 2] (tensor 1) must match except in dimension 0, but differ in dimension 1 (3 != 2)",
                error(() -> Tensor.cat(0, a, Tensor.zeros(2, 2))));
        assertEquals("cat: tensors must have the same number of dimensions, but tensor 0 has shape [2, 3] and tensor 1 has shape [2, 3, 1]",
                error(() -> Tensor.cat(0, a, Tensor.zeros(2, 3, 1))));
        assertEquals("cat: dimension 2 is out of range for a tensor of rank 2 (expected -2 to 1)", error(() -> Tensor.cat(2, a, a)));
        assertEquals("cat: expects a non-empty list of tensors", error(() -> Tensor.cat(0)));
        assertEquals("tensors[1]", assertThrows(NullPointerException.class, () -> Tensor.cat(0, a, null)).getMessage());
        assertEquals("cat: tensor 0 is 0-d and cannot be concatenated; use stack, or reshape(1) first",
                error(() -> Tensor.cat(0, Tensor.scalar(1f), Tensor.scalar(2f))));
        assertEquals("stack: expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1",
                error(() -> Tensor.stack(0, a, Tensor.zeros(2, 4))));
        assertEquals("stack: dimension -4 is out of range for stacking tensors of shape [2, 3] (expected -3 to 2)", error(() -> Tensor.stack(-4, a)));
    }
}
