package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.core.GradCheck;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

/** LeakyReLU, GELU and Softmax as modules, against PyTorch 1.13's values and printing. */
class ActivationsTest {
    private final Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 0.5f, 3}, 5);

    @Test
    void valuesAsPyTorch() {
        assertArrayEquals(new float[] {-0.02f, -0.005f, 0, 0.5f, 3}, new LeakyReLU().forward(x).toArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.4f, -0.1f, 0, 0.5f, 3}, new LeakyReLU(0.2).forward(x).toArray(), 1e-7f);
        assertArrayEquals(new float[] {-0.045500100f, -0.154268786f, 0, 0.345731199f, 2.995950222f}, new GELU().forward(x).toArray(), 1e-6f);
        Tensor logits = Tensor.of(new float[][] {{1, 2, 3}, {0, 0, 1000}});
        assertArrayEquals(new float[] {0.090030573f, 0.244728476f, 0.665240943f, 0, 0, 1}, new Softmax(1).forward(logits).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.119202919f, 0.119202919f, 0.880797029f, 0.880797029f},
                new Softmax(0).forward(Tensor.of(new float[][] {{1, 2}, {3, 4}})).toArray(), 1e-6f);
    }

    @Test
    void gradients() {
        Rng rng = new Rng(3);
        Tensor away = Tensor.of(new float[] {-1.5f, -0.3f, 0.2f, 0.7f, 2f, -0.9f}, 2, 3);  // away from leaky ReLU's kink
        GradCheck.check(t -> new LeakyReLU(0.1).forward(t[0]), away);
        GradCheck.check(t -> new GELU().forward(t[0]), Tensor.randn(rng, 2, 3));
        GradCheck.check(t -> new Softmax(-1).forward(t[0]), Tensor.randn(rng, 3, 4));
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("LeakyReLU(negative_slope=0.2)", new LeakyReLU(0.2).toString());
        assertEquals("GELU(approximate='none')", new GELU().toString());
        assertEquals("Softmax(dim=1)", new Softmax(1).toString());
        assertEquals("1e-05 0.1 1.0 0.0001 1e-07 1e+16 123456789.0 -2.5e-06 0.0", String.join(" ", PyRepr.number(1e-5),
                PyRepr.number(0.1), PyRepr.number(1), PyRepr.number(1e-4), PyRepr.number(1e-7), PyRepr.number(1e16),
                PyRepr.number(123456789), PyRepr.number(-2.5e-6), PyRepr.number(0)));
    }
}
