package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

/** Sequential.trace: d2l's layer-by-layer shape check. */
class TraceTest {

    @Test
    void leNetsShapesLayerByLayer() {
        Sequential net = new Sequential(new Conv2d(1, 6, 5, 1, 2), new Sigmoid(), new AvgPool2d(2, 2), new Conv2d(6, 16, 5), new Sigmoid(),
                new AvgPool2d(2, 2), new Flatten(), new Linear(400, 120), new Sigmoid(), new Linear(120, 84), new Sigmoid(), new Linear(84, 10));
        assertEquals(String.join("\n",
                "Conv2d output shape:    [1, 6, 28, 28]",
                "Sigmoid output shape:   [1, 6, 28, 28]",
                "AvgPool2d output shape: [1, 6, 14, 14]",
                "Conv2d output shape:    [1, 16, 10, 10]",
                "Sigmoid output shape:   [1, 16, 10, 10]",
                "AvgPool2d output shape: [1, 16, 5, 5]",
                "Flatten output shape:   [1, 400]",
                "Linear output shape:    [1, 120]",
                "Sigmoid output shape:   [1, 120]",
                "Linear output shape:    [1, 84]",
                "Sigmoid output shape:   [1, 84]",
                "Linear output shape:    [1, 10]"), net.trace(Tensor.zeros(1, 1, 28, 28)));
    }

    @Test
    void batchNormWorksOnOneImageAndIsLeftAsItWas() {
        BatchNorm2d bn2 = new BatchNorm2d(2);
        BatchNorm1d bn1 = new BatchNorm1d(8);
        Dropout dropout = new Dropout(0.5);
        Sequential net = new Sequential(new Conv2d(1, 2, 3), bn2, new Flatten(), bn1, dropout);
        dropout.eval();  // mixed modes come back as they were
        assertEquals("Conv2d output shape:      [1, 2, 2, 2]\nBatchNorm2d output shape: [1, 2, 2, 2]\n"
                + "Flatten output shape:     [1, 8]\nBatchNorm1d output shape: [1, 8]\nDropout output shape:     [1, 8]",
                net.trace(Tensor.ones(1, 1, 4, 4)));
        assertEquals(0, bn1.numBatchesTracked());
        assertArrayEquals(new float[2], bn2.runningMean().toArray(), 0f);
        assertTrue(net.isTraining() && bn1.isTraining() && bn2.isTraining());
        assertFalse(dropout.isTraining());
    }

    @Test
    void aLayerThatRefusesItsInputThrowsAndTheModesComeBack() {
        Sequential net = new Sequential(new Conv2d(1, 6, 5), new Flatten(), new Linear(100, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.trace(Tensor.zeros(1, 1, 28, 28)));
        assertEquals("Linear(in_features=100, out_features=10): input of shape [1, 3456] must have 100 features in its last dimension",
                e.getMessage());
        assertTrue(net.get(2).isTraining());
    }
}
