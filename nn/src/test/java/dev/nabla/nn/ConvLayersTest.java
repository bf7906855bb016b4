package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.GradCheck;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

/** Conv2d, MaxPool2d and AvgPool2d as layers: PyTorch's shapes, printing, initialisation and errors. */
class ConvLayersTest {
    private final Rng rng = new Rng(4);

    @Test
    void conv2dIsTheCoreOpWithItsOwnParameters() {
        Conv2d conv = new Conv2d(3, 4, 3, 2, 1, true, rng);
        assertArrayEquals(new int[] {4, 3, 3, 3}, conv.weight().shape());
        assertArrayEquals(new int[] {4}, conv.bias().shape());
        assertEquals(4 * 3 * 9 + 4, conv.numParameters());
        Tensor x = Tensor.randn(rng, 2, 3, 7, 6);
        Tensor y = conv.forward(x);
        assertArrayEquals(new int[] {2, 4, 4, 3}, y.shape());  // (7 + 2 - 3)/2 + 1 = 4, (6 + 2 - 3)/2 + 1 = 3
        assertArrayEquals(x.conv2d(conv.weight(), conv.bias(), 2, 1).toArray(), y.toArray(), 0f);
        assertNull(new Conv2d(1, 2, 3, 1, 0, false).bias());
        assertEquals(1, new Conv2d(1, 2, 3, 1, 0, false).parameters().size());
    }

    @Test
    void gradientsThroughTheLayers() {
        // padding, stride 2, non-square inputs, batch 1, channels 1 and 3
        Conv2d padded = new Conv2d(1, 2, 3, 1, 1, true, rng), strided = new Conv2d(3, 2, 3, 2, 0, false, rng);
        GradCheck.check(x -> padded.forward(x[0]), Tensor.randn(rng, 2, 1, 4, 5));
        GradCheck.check(x -> strided.forward(x[0]), Tensor.randn(rng, 1, 3, 7, 6));
        GradCheck.check(x -> x[0].conv2d(x[1], x[2], 1, 1), Tensor.randn(rng, 1, 3, 3, 4), padded.weight().detach().expand(2, 3, 3, 3),
                Tensor.randn(rng, 2));
        GradCheck.check(x -> new AvgPool2d(2).forward(x[0]), Tensor.randn(rng, 2, 3, 4, 6));
        GradCheck.check(x -> new AvgPool2d(3, 2, 1).forward(x[0]), Tensor.randn(rng, 1, 1, 5, 4));
        Tensor distinct = Tensor.arange(40).mul(0.1f).reshape(1, 2, 4, 5).permute(0, 1, 3, 2);  // no ties within a step
        GradCheck.check(x -> new MaxPool2d(2).forward(x[0]), distinct);
        GradCheck.check(x -> new MaxPool2d(3, 2, 1).forward(x[0]), distinct);
        // the module's own parameters: d(Σ y)/db = N·OH·OW per filter
        Tensor x = Tensor.randn(rng, 2, 1, 4, 5);
        padded.zeroGrad();  // the checks above accumulated into the layer's parameters
        padded.forward(x).sum().backward();
        assertArrayEquals(new float[] {40, 40}, padded.bias().grad().toArray(), 0f);
        assertArrayEquals(new int[] {2, 1, 3, 3}, padded.weight().grad().shape());
    }

    @Test
    void defaultInitIsPyTorchsKaimingUniform() {
        Conv2d conv = new Conv2d(6, 16, 5, 1, 0, true, new Rng(8));
        double bound = 1 / Math.sqrt(6 * 25);  // kaiming_uniform_(a=√5): √3·√(2/(1+5))/√fanIn = 1/√fanIn
        float[] w = conv.weight().toArray();
        double sq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound, "weight " + v + " outside ±" + bound);
            sq += v * (double) v;
        }
        // U(-b, b) has variance b²/3; the mean of 2400 squares has a standard error of b²·√(4/45)/√2400
        assertEquals(bound * bound / 3, sq / w.length, 5 * bound * bound * Math.sqrt(4.0 / 45) / Math.sqrt(w.length));
        for (float v : conv.bias().toArray()) assertTrue(Math.abs(v) <= bound);
    }

    @Test
    void poolingShapesAndValues() {
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        assertArrayEquals(new float[] {5, 7, 13, 15}, new MaxPool2d(2).forward(x).toArray(), 0f);
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, new AvgPool2d(2, 2).forward(x).toArray(), 0f);
        assertArrayEquals(new int[] {1, 1, 3, 3}, new MaxPool2d(2, 1).forward(x).shape());
        assertArrayEquals(new int[] {1, 1, 2, 2}, new AvgPool2d(3, 2, 1).forward(x).shape());
        assertEquals(2, new MaxPool2d(2).stride());
        assertEquals(2, new AvgPool2d(2).stride());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))", new Conv2d(1, 6, 5, 1, 2).toString());
        assertEquals("Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))", new Conv2d(6, 16, 5).toString());
        assertEquals("Conv2d(3, 6, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)", new Conv2d(3, 6, 3, 2, 1, false).toString());
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).toString());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)", new MaxPool2d(3, 2, 1).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2, 2).toString());
    }

    @Test
    void errorsNameTheLayerAndTheShapes() {
        Conv2d rgb = new Conv2d(3, 6, 5);
        assertEquals("Conv2d(3, 6, kernel_size=(5, 5), stride=(1, 1)) got input with 1 channel: [256, 1, 28, 28]; it expects 3 "
                + "(weight [6, 3, 5, 5])", message(() -> rgb.forward(Tensor.zeros(256, 1, 28, 28))));
        assertEquals("Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2)) got a 3-d input [1, 28, 28]; it expects 4-d "
                + "[N, C, H, W]: a single image needs a batch dimension, x.unsqueeze(0)",
                message(() -> new Conv2d(1, 6, 5, 1, 2).forward(Tensor.zeros(1, 28, 28))));
        assertEquals("Conv2d(16, 120, kernel_size=(5, 5), stride=(1, 1)) got input [256, 16, 4, 4]: its kernel 5x5 is larger than the "
                + "padded input 4x4 (padding 0)", message(() -> new Conv2d(16, 120, 5).forward(Tensor.zeros(256, 16, 4, 4))));
        assertEquals("Conv2d: stride must be positive, but got 0", message(() -> new Conv2d(1, 6, 5, 0, 0)));
        assertEquals("Conv2d: padding must be non-negative, but got -1", message(() -> new Conv2d(1, 6, 5, 1, -1)));
        assertEquals("Conv2d: in_channels, out_channels and kernel_size must be positive, but got 1, 6 and 0",
                message(() -> new Conv2d(1, 6, 0)));
        assertEquals("MaxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=2",
                message(() -> new MaxPool2d(2, 2, 2)));
        assertEquals("AvgPool2d: stride must be positive, but got 0", message(() -> new AvgPool2d(2, 0)));
        assertEquals("MaxPool2d: kernel_size must be positive, but got 0", message(() -> new MaxPool2d(0)));
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0) got input [8, 16, 1, 1]: its kernel 2x2 is larger than the padded "
                + "input 1x1 (padding 0)", message(() -> new AvgPool2d(2).forward(Tensor.zeros(8, 16, 1, 1))));
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False) got a 2-d input [8, 400]; it expects 4-d "
                + "[N, C, H, W]", message(() -> new MaxPool2d(2).forward(Tensor.zeros(8, 400))));
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
