package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.GradCheck;
import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

class LinearTest {

    @Test
    void handComputedValues() {
        Linear l = new Linear(2, 3);
        try (NoGrad g = Tensor.noGrad()) {
            l.weight().copy_(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
            l.bias().copy_(Tensor.of(new float[] {0.5f, -1, 0}, 3));
        }
        Tensor y = l.forward(Tensor.of(new float[] {1, 1, 2, -1}, 2, 2));
        // [1,1]·Wᵀ = [3, 7, 11] + b ; [2,-1]·Wᵀ = [0, 2, 4] + b
        assertArrayEquals(new float[] {3.5f, 6, 11, 0.5f, 1, 4}, y.toArray());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(1);
        GradCheck.check(x -> x[0].matmul(x[1].t()).add(x[2]), Tensor.randn(rng, 4, 3), Tensor.randn(rng, 2, 3),
                Tensor.randn(rng, 2));
        // and through the module itself: d(sum y)/dW[j,i] = Σ_n x[n,i]
        Linear l = new Linear(3, 2, true, rng);
        Tensor x = Tensor.randn(rng, 5, 3);
        l.forward(x).sum().backward();
        float[] colSums = x.sum(0, false).toArray(), gw = l.weight().grad().toArray();
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 3; i++) assertEquals(colSums[i], gw[j * 3 + i], 1e-5);
        assertArrayEquals(new float[] {5, 5}, l.bias().grad().toArray());
    }

    @Test
    void defaultInitIsPyTorchsUniform() {
        Linear l = new Linear(400, 300, true, new Rng(2));
        float bound = (float) (1 / Math.sqrt(400));
        float[] w = l.weight().toArray();
        double mean = 0, sq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound);
            mean += v;
            sq += v * (double) v;
        }
        mean /= w.length;
        // U(-b, b): variance b²/3
        assertEquals(bound * bound / 3, sq / w.length - mean * mean, 5 * bound * bound * 0.3 / Math.sqrt(w.length));
        for (float v : l.bias().toArray()) assertTrue(Math.abs(v) <= bound);
    }

    @Test
    void withoutBias() {
        Linear l = new Linear(2, 2, false);
        assertNull(l.bias());
        assertEquals(1, l.parameters().size());
    }

    @Test
    void wrongInputWidthIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(784, 256).forward(Tensor.zeros(8, 100)));
        assertEquals("Linear(in_features=784, out_features=256): input of shape [8, 100] must have 784 features in its "
                + "last dimension", e.getMessage());
        assertEquals("Linear: inFeatures and outFeatures must be positive, but got 0 and 3",
                assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3)).getMessage());
    }
}
