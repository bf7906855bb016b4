package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine's semantics, as PyTorch defines them. */
class AutogradTest {

    @Test
    void microgradReadmeExpression() {
        // karpathy/micrograd README: g = 24.7041, dg/da = 138.8338, dg/db = 645.5773
        Tensor a = Tensor.scalar(-4f).requiresGrad(true), b = Tensor.scalar(2f).requiresGrad(true);
        Tensor c = a.add(b);
        Tensor d = a.mul(b).add(b.pow(3f));
        c = c.add(c.add(1f));
        c = c.add(c.add(1f).add(a.neg()));
        d = d.add(d.mul(2f).add(b.add(a).relu()));
        d = d.add(d.mul(3f).add(b.sub(a).relu()));
        Tensor e = c.sub(d);
        Tensor f = e.pow(2f);
        Tensor g = f.div(2f);
        g = g.add(Tensor.scalar(10f).div(f));
        g.backward();
        assertEquals(24.7041, g.item(), 1e-4);
        assertEquals(138.8338, a.grad().item(), 1e-3);
        assertEquals(645.5773, b.grad().item(), 1e-3);
    }

    @Test
    void reusedNodeCountsEveryUse() {
        Tensor a = Tensor.scalar(3f).requiresGrad(true);
        Tensor b = a.add(a);
        Tensor c = b.add(b);
        c.backward();
        assertEquals(4f, a.grad().item());
    }

    @Test
    void diamondGraph() {
        // y = x·2, z = x·3, w = y·z = 6x² : dw/dx = 12x
        Tensor x = Tensor.scalar(1.5f).requiresGrad(true);
        Tensor y = x.mul(2f), z = x.mul(3f);
        y.mul(z).backward();
        assertEquals(18f, x.grad().item(), 1e-6);
    }

    @Test
    void gradientsAccumulateUntilZeroGrad() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {4, 8}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {3, 3}, x.grad().toArray());
    }

    @Test
    void gradIsNullUntilBackwardReachesIt() {
        Tensor x = Tensor.ones(2).requiresGrad(true), unused = Tensor.ones(2).requiresGrad(true);
        assertNull(x.grad());
        x.sum().backward();
        assertNull(unused.grad());
    }

    @Test
    void secondBackwardThroughConsumedGraphFails() {
        Tensor x = Tensor.scalar(2f).requiresGrad(true);
        Tensor y = x.mul(x);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: trying to backward through the graph a second time: "
                + "MulBackward was already consumed"), e.getMessage());
        assertEquals(4f, x.grad().item(), "the failed second pass must not touch the gradient");
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.scalar(2f).requiresGrad(true);
        Tensor y = x.mul(x);
        y.backward(Tensor.scalar(1f), true);
        y.backward();
        assertEquals(8f, x.grad().item());
    }

    @Test
    void backwardOnNonScalarNeedsAGradient() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward: grad can be implicitly created only for one-element outputs, but this tensor has "
                + "shape [2, 3]; call backward(gradient) with a tensor of that shape", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3)));
        assertEquals("backward: gradient shape [3] does not match tensor shape [2, 3]", e2.getMessage());
    }

    @Test
    void backwardWithExplicitGradient() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).backward(Tensor.of(new float[] {1, 10, 100}, 3));
        assertArrayEquals(new float[] {2, 40, 600}, x.grad().toArray());
    }

    @Test
    void backwardOnTensorWithoutGradFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.ones(1).mul(2f).backward());
        assertTrue(e.getMessage().startsWith("backward: this tensor does not require grad"), e.getMessage());
    }

    @Test
    void backwardOnALeaf() {
        Tensor x = Tensor.scalar(5f).requiresGrad(true);
        x.backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void noGradScopeRecordsNothingAndRestores() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y;
        try (NoGrad g = Tensor.noGrad()) {
            assertFalse(Tensor.isGradEnabled());
            try (NoGrad inner = Tensor.noGrad()) {
                y = x.mul(2f);
            }
            assertFalse(Tensor.isGradEnabled(), "closing a nested scope keeps the outer one");
        }
        assertTrue(Tensor.isGradEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertTrue(x.mul(2f).requiresGrad());
    }

    @Test
    void chainOf100000OpsDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(0f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(1f);
        y.backward();
        assertEquals(100_000f, y.item());
        assertEquals(1f, x.grad().item());
    }

    @Test
    void onlyLeavesChangeRequiresGrad() {
        Tensor y = Tensor.ones(2).requiresGrad(true).exp();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertEquals("requiresGrad: can only be changed on leaf tensors, but this tensor was produced by ExpBackward; "
                + "use detach() for a leaf copy", e.getMessage());
        assertTrue(y.detach().isLeaf());
        assertFalse(y.detach().requiresGrad());
    }

    @Test
    void detachStopsTheGradient() {
        Tensor x = Tensor.scalar(3f).requiresGrad(true);
        x.mul(x.detach()).backward();
        assertEquals(3f, x.grad().item());
    }

    @Test
    void inPlaceEditBetweenForwardAndBackwardIsCaught() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        try (NoGrad g = Tensor.noGrad()) {
            w.add_(Tensor.ones(2), -0.1f);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("needed by MulBackward was modified in place after it was used"), e.getMessage());
    }

    @Test
    void inPlaceOnLeafRequiringGradNeedsNoGrad() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.mul_(2f));
        assertTrue(e.getMessage().startsWith("mul_: a leaf tensor that requires grad cannot be modified in place "
                + "while grad mode is on"), e.getMessage());
        Tensor y = w.exp();
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> y.fill_(0f));
        assertEquals("fill_: in-place writes to a tensor produced by ExpBackward are not supported; use the "
                + "out-of-place op", e2.getMessage());
    }

    @Test
    void gradientsOfSharedSubgraphInBatchedUse() {
        // a parameter used by two losses through one graph: both contributions arrive
        Tensor w = Tensor.of(new float[] {2}, 1).requiresGrad(true);
        Tensor h = w.mul(3f);
        h.mul(h).add(h).sum().backward();  // d/dw (9w² + 3w) = 18w + 3 = 39
        assertEquals(39f, w.grad().item(), 1e-5);
    }

    @Test
    void gradFnNamesAreShown() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        assertEquals("MatMulBackward", x.matmul(x).gradFn());
        assertEquals("tensor([2., 2.], grad_fn=<MulBackward>)", x.mul(2f).toString());
        assertEquals("tensor([1., 1.], requires_grad=True)", x.toString());
    }
}
