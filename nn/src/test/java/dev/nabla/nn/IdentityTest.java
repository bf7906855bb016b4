package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

/** Identity as PyTorch's nn.Identity: no parameters, its input itself, gradients untouched. */
class IdentityTest {

    @Test
    void returnsItsInputAndPassesTheGradient() {
        Tensor x = Tensor.randn(new Rng(1), 2, 3).requiresGrad(true);
        Identity id = new Identity();
        assertSame(x, id.forward(x));
        assertSame(x, id.eval().forward(x), "in eval mode too");
        id.forward(x).mul(3f).sum().backward();
        assertArrayEquals(Tensor.full(3f, 2, 3).toArray(), x.grad().toArray());
        assertTrue(id.parameters().isEmpty());
        assertEquals("Identity()", id.toString());
    }

    @Test
    void standsInForALayerWithoutShiftingTheOthers() {
        Sequential net = new Sequential(new Linear(4, 4, true, new Rng(2)), new Identity(), new ReLU());
        assertEquals(java.util.List.of("0.weight", "0.bias"), java.util.List.copyOf(net.namedParameters().keySet()));
        Tensor x = Tensor.randn(new Rng(3), 5, 4);
        assertArrayEquals(new Sequential(new Linear(4, 4, true, new Rng(2)), new ReLU()).forward(x).toArray(), net.forward(x).toArray());
    }
}
