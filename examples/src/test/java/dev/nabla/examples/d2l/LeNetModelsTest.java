package dev.nabla.examples.d2l;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.BatchNorm;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.init.Init;
import org.junit.jupiter.api.Test;

/** d2l's LeNet (7.6) and its BatchNorm version (8.5): the book's layers, shapes, initialisation and sizes. */
class LeNetModelsTest {

    @Test
    void leNetIsTheBooksNetwork() {
        Sequential net = Models.lenet(new Rng(0));
        assertEquals("Sequential(\n"
                + "  (0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))\n"
                + "  (1): Sigmoid()\n"
                + "  (2): AvgPool2d(kernel_size=2, stride=2, padding=0)\n"
                + "  (3): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))\n"
                + "  (4): Sigmoid()\n"
                + "  (5): AvgPool2d(kernel_size=2, stride=2, padding=0)\n"
                + "  (6): Flatten(start_dim=1, end_dim=-1)\n"
                + "  (7): Linear(in_features=400, out_features=120, bias=True)\n"
                + "  (8): Sigmoid()\n"
                + "  (9): Linear(in_features=120, out_features=84, bias=True)\n"
                + "  (10): Sigmoid()\n"
                + "  (11): Linear(in_features=84, out_features=10, bias=True)\n"
                + ")", net.toString());
        assertEquals(Models.leNetParameters(Models.LENET), net.numParameters());
        assertEquals(61_706, net.numParameters());  // d2l: 6·25+6 + 16·150+16 + 400·120+120 + 120·84+84 + 84·10+10
    }

    @Test
    void leNetBnHasBatchNormAfterEveryConvolutionAndHiddenLinearLayer() {
        Sequential net = Models.lenetBn(new Rng(0));
        String[] kinds = new String[net.size()];
        for (int i = 0; i < kinds.length; i++) kinds[i] = net.get(i).getClass().getSimpleName();
        assertArrayEquals(new String[] {"Conv2d", "BatchNorm2d", "Sigmoid", "AvgPool2d", "Conv2d", "BatchNorm2d", "Sigmoid", "AvgPool2d",
            "Flatten", "Linear", "BatchNorm1d", "Sigmoid", "Linear", "BatchNorm1d", "Sigmoid", "Linear"}, kinds);
        assertEquals(44_878, net.numParameters());
        assertEquals(Models.leNetParameters(Models.LENET_BN), net.numParameters());
        // 2 convolutions and 3 linear layers: weight and bias; 4 BatchNorms: weight, bias and three buffers
        assertEquals(2 * 2 + 3 * 2 + 4 * 5, net.stateDict().size());
        long running = net.stateDict().entrySet().stream().filter(e -> e.getKey().contains("running_")).mapToLong(e -> e.getValue().numel()).sum();
        assertEquals(452, running);  // 2·(6 + 16 + 120 + 84)
    }

    @Test
    void activationCountsAreTheShapesOfARealForwardPass() {
        for (String model : new String[] {Models.LENET, Models.LENET_BN}) {
            Sequential net = model.equals(Models.LENET) ? Models.lenet(new Rng(1)) : Models.lenetBn(new Rng(1));
            net.eval();
            long values = 0;
            Tensor x = Tensor.zeros(1, 1, 28, 28);
            try (NoGrad g = Tensor.noGrad()) {
                for (Module m : net.children()) {
                    x = m.forward(x);
                    if (!(m instanceof Flatten)) values += x.numel();
                }
            }
            assertEquals(Models.leNetActivations(model), values, model);
        }
    }

    @Test
    void weightsAreXavierUniformBiasesPyTorchsDefault() {
        Sequential net = Models.lenet(new Rng(3));
        net.apply(m -> {
            Tensor w = m instanceof Conv2d c ? c.weight() : m instanceof Linear l ? l.weight() : null;
            if (w == null) return;
            double a = Math.sqrt(6.0 / (Init.fanIn(w) + Init.fanOut(w))), max = 0;
            for (float v : w.toArray()) max = Math.max(max, Math.abs(v));
            assertTrue(max <= a && max > 0.9 * a, m + ": largest |w| " + max + " for the Xavier bound " + a);
        });
        for (Module m : Models.lenetBn(new Rng(3)).children()) {
            if (m instanceof BatchNorm bn) assertArrayEquals(new float[bn.numFeatures()], bn.runningMean().toArray(), 0f);
        }
        assertEquals(0.9, Models.bookLr(Models.LENET));
        assertEquals(1.0, Models.bookLr(Models.LENET_BN));
        assertEquals(0.5, Models.bookLr(Models.CONCISE));
    }
}
