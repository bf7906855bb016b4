package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequential runs a Linear followed by a ReLU as one op: the same numbers and gradients as module by module. */
class SequentialFusionTest {
    /** d2l's dropout MLP, on a small input, from a seed. */
    private static Sequential mlp(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Flatten(), new Linear(49, 32, true, rng), new ReLU(), new Dropout(0.2, rng),
                new Linear(32, 32, true, rng), new ReLU(), new Dropout(0.5, rng), new Linear(32, 10, true, rng));
    }

    /** The modules one by one, as Sequential did before the fusion. */
    private static Tensor oneByOne(Sequential net, Tensor x) {
        for (Module m : net.children()) x = m.forward(x);
        return x;
    }

    @Test
    void trainingStepsMatchModuleByModuleBitForBit() {
        Sequential fused = mlp(3), plain = mlp(3);
        Tensor x = Tensor.randn(new Rng(4), 16, 1, 7, 7), w = Tensor.randn(new Rng(5), 16, 10);
        for (int step = 0; step < 3; step++) {  // the dropout generators advance alike
            Tensor a = fused.forward(x), b = oneByOne(plain, x);
            assertArrayEquals(b.toArray(), a.toArray(), "forward, step " + step);
            fused.zeroGrad();
            plain.zeroGrad();
            a.mul(w).sum().backward();
            b.mul(w).sum().backward();
            List<Tensor> pa = fused.parameters(), pb = plain.parameters();
            for (int i = 0; i < pa.size(); i++) assertArrayEquals(pb.get(i).grad().toArray(), pa.get(i).grad().toArray(), "grad " + i);
        }
        fused.eval();
        plain.eval();
        try (NoGrad g = Tensor.noGrad()) {
            assertArrayEquals(oneByOne(plain, x).toArray(), fused.forward(x).toArray(), "eval mode, no grad");
        }
    }

    @Test
    void theFusedLayerIsOneNodeOfTheGraph() {
        Sequential net = new Sequential(new Linear(4, 3, true, new Rng(1)), new ReLU());
        assertEquals("LinearReluBackward", net.forward(Tensor.ones(2, 4)).gradFn());
    }

    @Test
    void subclassesAreNotFusedTheirForwardRuns() {
        int[] calls = {0};
        ReLU counting = new ReLU() {
            @Override
            public Tensor forward(Tensor x) {
                calls[0]++;
                return super.forward(x);
            }
        };
        Sequential net = new Sequential(new Linear(4, 3, true, new Rng(1)), counting);
        assertEquals("ReluBackward", net.forward(Tensor.ones(2, 4)).gradFn());
        assertEquals(1, calls[0]);
    }
}
