package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code linearRelu} is {@code linear} then {@code relu}, bit for bit, values and gradients, on the kernels in use. */
class LinearReluTest {
    private static Tensor[] leaves(long seed, int rows, int in, int out) {
        Rng rng = new Rng(seed);
        return new Tensor[] {Tensor.randn(rng, rows, in).requiresGrad(true), Tensor.randn(rng, out, in).requiresGrad(true),
                Tensor.randn(rng, out).requiresGrad(true)};
    }

    @Test
    void sameValuesAndGradientsAsLinearThenRelu() {
        int[][] shapes = {{256, 784, 256}, {256, 256, 256}, {97, 33, 10}, {1, 5, 3}};
        for (int[] s : shapes) {
            Tensor[] a = leaves(s[0] * 31L + s[1], s[0], s[1], s[2]), b = leaves(s[0] * 31L + s[1], s[0], s[1], s[2]);
            Tensor fused = a[0].linearRelu(a[1], a[2]), separate = b[0].linear(b[1], b[2]).relu();
            assertArrayEquals(separate.toArray(), fused.toArray(), "forward " + java.util.Arrays.toString(s));
            Tensor weights = Tensor.randn(new Rng(7), s[0], s[2]);  // a gradient that is not all ones
            fused.mul(weights).sum().backward();
            separate.mul(weights).sum().backward();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(b[i].grad().toArray(), a[i].grad().toArray(), "gradient " + i + " of " + java.util.Arrays.toString(s));
            }
        }
    }

    @Test
    void zeroAndNegativePreActivationsStopTheGradientAndNaNPassesIt() {
        // x·Wᵀ + b = [2, 0, -1, NaN]: relu gives [2, 0, 0, NaN]; the gradient passes at 2 and at NaN only, as torch's
        Tensor x = Tensor.of(new float[] {1}, 1, 1).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {2, 0, -1, Float.NaN}, 4, 1);
        Tensor b = Tensor.zeros(4).requiresGrad(true);
        Tensor y = x.linearRelu(w, b);
        assertArrayEquals(new float[] {2, 0, 0, Float.NaN}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new float[] {1, 0, 0, 1}, b.grad().toArray());
        assertEquals("LinearReluBackward", y.gradFn());
    }

    @Test
    void shapeErrorsAreLinears() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).linearRelu(Tensor.ones(4, 5), null));
        assertEquals("linear: input [2, 3] and weight [4, 5] do not fit: the weight must be [out, in] with in = the input's last dimension",
                e.getMessage());
    }
}
