package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Factories, inspection, shapes, broadcasting and the messages of bad input. */
class TensorTest {

    private static IllegalArgumentException bad(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e);
    }

    @Test
    void factoriesAndInspection() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(2, t.dim());
        assertEquals(6, t.numel());
        assertEquals(3, t.size(-1));
        assertEquals(6f, t.get(1, 2));
        assertEquals(4f, t.get(-1, 0));
        assertEquals(7f, Tensor.scalar(7f).item());
        assertEquals(0, Tensor.scalar(7f).dim());
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toArray());
        assertArrayEquals(new float[] {2, 3}, Tensor.arange(2, 4).toArray());
        assertArrayEquals(new float[] {0, 0}, Tensor.zeros(2).toArray());
        assertArrayEquals(new float[] {1, 1, 1}, Tensor.ones(1, 3).toArray());
        assertArrayEquals(new float[] {2.5f, 2.5f}, Tensor.full(2.5f, 2).toArray());
        assertArrayEquals(new float[] {1, 2, 3, 4}, Tensor.of(new float[][] {{1, 2}, {3, 4}}).toArray());
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).shape());
    }

    @Test
    void linearEqualsMatmulWithTransposeAndBias() {
        Tensor x = Tensor.randn(new Rng(1), 5, 3), w = Tensor.randn(new Rng(2), 4, 3), b = Tensor.randn(new Rng(3), 4);
        assertTrue(x.linear(w, b).allClose(x.matmul(w.t()).add(b), 1e-5, 1e-6));
        assertEquals("linear: input [5, 3] and weight [3, 4] do not fit: the weight must be [out, in] with in = the input's "
                + "last dimension", bad(() -> x.linear(w.t(), null)).getMessage());
        assertEquals("linear: bias [3] must be [4] for weight [4, 3]", bad(() -> x.linear(w, Tensor.ones(3))).getMessage());
    }

    @Test
    void tensorsAreImmutableToUsers() {
        float[] data = {1, 2};
        Tensor t = Tensor.of(data, 2);
        data[0] = 99;
        t.toArray()[1] = 99;
        t.shape()[0] = 5;
        assertArrayEquals(new float[] {1, 2}, t.toArray());
        assertArrayEquals(new int[] {2}, t.shape());
    }

    @Test
    void unsignedBytesBecomeScaledFloats() {
        Tensor t = Tensor.fromUnsignedBytes(new byte[] {0, 1, (byte) 128, (byte) 255}, 0.5f, 2, 2);
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {0f, 0.5f, 64f, 127.5f}, t.toArray());
        assertEquals("Tensor.fromUnsignedBytes: 4 bytes cannot fill shape [5] (5 elements)",
                bad(() -> Tensor.fromUnsignedBytes(new byte[4], 1f, 5)).getMessage());
        assertEquals("data", assertThrows(NullPointerException.class, () -> Tensor.fromUnsignedBytes(null, 1f, 0)).getMessage());
    }

    @Test
    void wrapSharesTheArrayItIsHanded() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.wrap(data, 3, 2);
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(data, t.toArray());
        data[0] = 7;  // what the javadoc warns about: the tensor is the array
        assertEquals(7f, t.get(0, 0));
        assertEquals("Tensor.wrap: 6 values cannot fill shape [4] (4 elements)", bad(() -> Tensor.wrap(data, 4)).getMessage());
        assertEquals("data", assertThrows(NullPointerException.class, () -> Tensor.wrap(null, 0)).getMessage());
    }

    @Test
    void badFactoryInput() {
        assertEquals("Tensor.of: 5 values cannot fill shape [2, 3] (6 elements)",
                bad(() -> Tensor.of(new float[5], 2, 3)).getMessage());
        assertEquals("Tensor.full: negative dimension -1 in shape [2, -1]", bad(() -> Tensor.zeros(2, -1)).getMessage());
        assertEquals("Tensor.of: row 1 has 1 values, but row 0 has 2",
                bad(() -> Tensor.of(new float[][] {{1, 2}, {3}})).getMessage());
        assertEquals("item: only one-element tensors can be converted to a number, but this tensor has shape [2, 3] "
                + "(6 elements)", bad(() -> Tensor.zeros(2, 3).item()).getMessage());
        assertEquals("get: index 2 is out of bounds for dimension 0 with size 2 (shape [2, 3])",
                bad(() -> Tensor.zeros(2, 3).get(2, 0)).getMessage());
        assertEquals("get: 1 indices for a tensor of rank 2 (shape [2, 3])", bad(() -> Tensor.zeros(2, 3).get(0)).getMessage());
    }

    @Test
    void broadcastingShapes() {
        assertArrayEquals(new int[] {2, 3}, Tensor.ones(2, 3).add(Tensor.ones(3)).shape());
        assertArrayEquals(new int[] {4, 3}, Tensor.ones(4, 1).mul(Tensor.ones(1, 3)).shape());
        assertArrayEquals(new int[] {5, 2, 3}, Tensor.ones(5, 1, 3).sub(Tensor.ones(2, 1)).shape());
        assertArrayEquals(new int[] {2, 3}, Tensor.ones(2, 3).div(Tensor.scalar(2f)).shape());
        assertArrayEquals(new int[] {0, 3}, Tensor.ones(0, 3).add(Tensor.ones(1, 3)).shape());
        assertArrayEquals(new float[] {11, 22, 13, 24}, Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)
                .add(Tensor.of(new float[] {10, 20}, 2)).toArray());
        assertArrayEquals(new float[] {11, 12, 23, 24}, Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)
                .add(Tensor.of(new float[] {10, 20}, 2, 1)).toArray());
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast: dimension 1 of the result would need 3 and 4 "
                + "to match (or one of them to be 1)", bad(() -> Tensor.ones(2, 3).add(Tensor.ones(4))).getMessage());
    }

    @Test
    void elementwiseValues() {
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 1}, 4);
        assertArrayEquals(new float[] {0, 0, 0, 1}, x.relu().toArray());
        assertArrayEquals(new float[] {2, 0.5f, 0, 1}, x.abs().toArray());
        assertArrayEquals(new float[] {4, 0.25f, 0, 1}, x.pow(2f).toArray());
        assertArrayEquals(new float[] {0, 0, 0, 1}, x.gt(0f).toArray());
        assertArrayEquals(new float[] {1, 1, 0, 0}, x.lt(0f).toArray());
        assertArrayEquals(new float[] {0, 0, 1, 1}, x.ge(0f).toArray());
        assertArrayEquals(new float[] {1, 1, 1, 0}, x.le(0f).toArray());
        assertArrayEquals(new float[] {0, 0, 1, 0}, x.eq(0f).toArray());
        assertArrayEquals(new float[] {1, 1, 0, 1}, x.ne(0f).toArray());
        assertEquals(0.5f, Tensor.scalar(0f).sigmoid().item());
        assertEquals(1f, Tensor.scalar(100f).sigmoid().item());
        assertEquals(0f, Tensor.scalar(-200f).sigmoid().item());
        assertEquals((float) Math.tanh(0.3f), Tensor.scalar(0.3f).tanh().item());
        assertTrue(Float.isNaN(Tensor.scalar(Float.NaN).relu().item()), "relu keeps NaN, as in PyTorch");
        assertFalse(Tensor.ones(2).requiresGrad(true).gt(0f).requiresGrad(), "masks carry no gradient");
    }

    @Test
    void reductions() {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21f, x.sum().item());
        assertEquals(3.5f, x.mean().item());
        assertArrayEquals(new float[] {5, 7, 9}, x.sum(0, false).toArray());
        assertArrayEquals(new int[] {2, 1}, x.sum(1, true).shape());
        assertArrayEquals(new float[] {3, 4}, x.mean(-1, false).toArray());
        assertArrayEquals(new float[] {5, 6}, x.max(1, false).toArray());
        assertArrayEquals(new float[] {1, 2}, x.argmax(1).toArray());
        assertArrayEquals(new float[] {1, 0, 1}, x.argmax(0).toArray());
        assertEquals(6f, x.max().item());
        assertArrayEquals(new float[] {0}, Tensor.of(new float[] {3, 3}, 2).argmax(0).toArray(), 0f,
                "ties go to the first maximum");
        assertEquals("sum: dimension 2 is out of range for a tensor of rank 2 (expected -2 to 1)",
                bad(() -> x.sum(2, false)).getMessage());
    }

    @Test
    void shapeOps() {
        Tensor x = Tensor.arange(6);
        assertArrayEquals(new int[] {2, 3}, x.reshape(2, -1).shape());
        assertArrayEquals(new int[] {2, 3, 1}, x.reshape(2, 3, 1).shape());
        assertArrayEquals(new int[] {6}, x.reshape(2, 3).flatten().shape());
        assertArrayEquals(new int[] {2, 6}, Tensor.zeros(2, 1, 2, 3).flatten(1).shape());
        assertArrayEquals(new int[] {1, 6}, x.unsqueeze(0).shape());
        assertArrayEquals(new int[] {6, 1}, x.unsqueeze(-1).shape());
        assertArrayEquals(new int[] {6}, x.unsqueeze(0).squeeze(0).shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.reshape(2, 3).t().toArray());
        assertArrayEquals(new float[] {4, 5, 0, 1}, x.reshape(3, 2).indexSelect(0, 2, 0).toArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, x.reshape(2, 3).narrow(1, 1, 2).toArray());
        assertArrayEquals(new float[] {0, 1, 0, 1}, Tensor.arange(2).expand(2, 2).toArray());
        assertEquals("reshape: shape [4, -1] is invalid for a tensor of 6 elements", bad(() -> x.reshape(4, -1)).getMessage());
        assertEquals("reshape: only one dimension can be -1, but got [-1, -1]", bad(() -> x.reshape(-1, -1)).getMessage());
        assertEquals("indexSelect: index 3 is out of bounds for dimension 0 with size 3 (shape [3, 2])",
                bad(() -> x.reshape(3, 2).indexSelect(0, 3)).getMessage());
        assertEquals("expand: shape [2] cannot be expanded to [3] (only dimensions of size 1 repeat)",
                bad(() -> Tensor.ones(2).expand(3)).getMessage());
        assertEquals("t: expects a tensor of rank <= 2, but got shape [1, 2, 3]; use transpose(dim0, dim1)",
                bad(() -> Tensor.zeros(1, 2, 3).t()).getMessage());
    }

    @Test
    void transposeOfHigherRank() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor y = x.transpose(0, 2);
        assertArrayEquals(new int[] {4, 3, 2}, y.shape());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++) assertEquals(x.get(i, j, k), y.get(k, j, i));
    }

    @Test
    void reshapeIsAViewThatSharesVersions() {
        Tensor w = Tensor.zeros(2, 2);
        Tensor flat = w.reshape(4);
        flat.fill_(3f);
        assertArrayEquals(new float[] {3, 3, 3, 3}, w.toArray(), "a view shares its storage");
    }

    @Test
    void inPlaceOps() {
        Tensor t = Tensor.ones(3);
        t.add_(Tensor.of(new float[] {1, 2, 3}, 3), 2f).mul_(0.5f);
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, t.toArray());
        t.copy_(Tensor.arange(3));
        assertArrayEquals(new float[] {0, 1, 2}, t.toArray());
        t.zero_();
        assertArrayEquals(new float[] {0, 0, 0}, t.toArray());
        assertEquals("copy_: shapes [3] and [2] must be equal", bad(() -> t.copy_(Tensor.ones(2))).getMessage());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("tensor([[0., 1., 2., 3.],\n        [4., 5., 6., 7.]])", Tensor.arange(8).reshape(2, 4).toString());
        assertEquals("tensor(3.5000)", Tensor.scalar(3.5f).toString());
        assertEquals("tensor([ 0.5000, -1.2500])", Tensor.of(new float[] {0.5f, -1.25f}, 2).toString());
        assertEquals("tensor([1.0000e-05, 1.0000e+00])", Tensor.of(new float[] {1e-5f, 1f}, 2).toString());
        assertEquals("tensor([nan, 1.])", Tensor.of(new float[] {Float.NaN, 1f}, 2).toString());
        assertEquals("tensor([[[0., 1.]],\n\n        [[2., 3.]]])", Tensor.arange(4).reshape(2, 1, 2).toString());
        String big = Tensor.zeros(2000).toString();
        assertEquals("tensor([0., 0., 0.,  ..., 0., 0., 0.])", big.replace("...,", " ...,"));
        assertEquals("tensor([], size=(0, 3))", Tensor.zeros(0, 3).toString());  // PyTorch's text
    }

    @Test
    void allClose() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2);
        assertTrue(a.allClose(Tensor.of(new float[] {1.000001f, 2}, 2), 1e-5, 1e-8));
        assertFalse(a.allClose(Tensor.of(new float[] {1.1f, 2}, 2), 1e-5, 1e-8));
        assertFalse(a.allClose(Tensor.ones(1, 2), 1, 1), "shapes must match");
    }
}
