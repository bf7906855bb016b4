package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** conv2d, maxPool2d and avgPool2d: values from PyTorch 1.13, shapes, PyTorch's tie and NaN rules, and the messages of bad input. */
class ConvTest {
    private static final float NAN = Float.NaN, INF = Float.POSITIVE_INFINITY;

    /** f(i·step) for i = 0, 1, ... in float32, as torch's {@code f(torch.arange(n.) * step)}. */
    private static Tensor wave(boolean sin, float step, int... shape) {
        float[] v = new float[Shapes.numel(shape, "test")];
        for (int i = 0; i < v.length; i++) v[i] = (float) (sin ? Math.sin(i * step) : Math.cos(i * step));
        return Tensor.of(v, shape);
    }

    private static String error(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private static void assertClose(float[] expected, Tensor actual, double tol, String what) {
        float[] a = actual.toArray();
        assertEquals(expected.length, a.length, what + ": size");
        for (int i = 0; i < a.length; i++) assertEquals(expected[i], a[i], tol, what + " at " + i);
    }

    @Test
    void theWorkedExampleOfTheDocs() {
        // docs/cnn.md: x = 0..15 as [1, 1, 4, 4], w = 0..8 as [1, 1, 3, 3]; torch.nn.functional.conv2d(x, w) is [[258, 294], [402, 438]]
        Tensor y = Tensor.arange(16).reshape(1, 1, 4, 4).conv2d(Tensor.arange(9).reshape(1, 1, 3, 3), null, 1, 0);
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape());
        assertArrayEquals(new float[] {258, 294, 402, 438}, y.toArray());
    }

    @Test
    void conv2dMatchesPyTorchWithPaddingStrideBiasAndGradients() {
        /* PyTorch 1.13:
           x = (torch.arange(40.).reshape(1, 2, 5, 4) * 0.37).sin().requires_grad_()
           w = (torch.arange(24.).reshape(2, 2, 3, 2) * 0.53).cos().requires_grad_()
           b = torch.tensor([0.1, -0.2], requires_grad=True)
           y = F.conv2d(x, w, b, stride=2, padding=1)               # [1, 2, 3, 3]
           y.backward((torch.arange(18.).reshape(y.shape) * 0.7).cos())   */
        Tensor x = wave(true, 0.37f, 1, 2, 5, 4).requiresGrad(true), w = wave(false, 0.53f, 2, 2, 3, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {0.1f, -0.2f}, 2).requiresGrad(true);
        Tensor y = x.conv2d(w, b, 2, 1);
        assertArrayEquals(new int[] {1, 2, 3, 3}, y.shape());
        assertEquals("Conv2dBackward", y.gradFn());
        assertClose(new float[] {-0.26029f, -1.41637f, -0.39316f, 0.72467f, 3.164f, 1.72943f, -0.12505f, -1.68489f, -1.0468f,
            -0.50904f, -1.73343f, -0.76603f, 0.34266f, 2.80327f, 1.48357f, -0.33477f, -1.83615f, -1.32237f}, y, 2e-5, "y");
        y.backward(wave(false, 0.7f, 1, 2, 3, 3));
        assertClose(new float[] {-0.11506f, 0.69092f, -0.08696f, 0.14758f, -2.65882f, -2.72813f, -2.95573f, -2.04273f, 0.05948f,
            -0.85913f, 0.10895f, -0.84904f, 0.10668f, 1.43606f, 2.02569f, 2.59331f, 0.055f, 0.17654f, -0.02304f, 0.70968f,
            0.19158f, -0.63852f, 0.14508f, -0.13644f, 2.66929f, 2.77184f, 2.94003f, 2.04882f, -0.09866f, 0.79392f, -0.18127f,
            0.78463f, -0.14372f, -1.49475f, -2.04788f, -2.64871f, -0.09196f, -0.16309f, 0.03795f, -0.6558f}, x.grad(), 2e-5, "dx");
        assertClose(new float[] {-2.10114f, -0.94761f, 1.8832f, 1.16657f, 2.38875f, 2.93243f, 0.56294f, 0.2493f, 3.54978f, 2.82631f,
            0.02018f, 0.69232f, -2.12671f, -0.99528f, 1.86783f, 1.16034f, 2.37097f, 2.9424f, 0.55693f, 0.23333f, 3.5506f, 2.8593f,
            0.03134f, 0.70388f}, w.grad(), 2e-5, "dw");
        assertClose(new float[] {0.0231f, 0.02324f}, b.grad(), 2e-5, "db");
    }

    @Test
    void outputSizesFollowTheFormula() {
        Rng rng = new Rng(3);
        // LeNet's layers (batch 2): 28x28 padded by 2 stays 28x28 under a 5x5 kernel; 14x14 becomes 10x10
        assertArrayEquals(new int[] {2, 6, 28, 28}, Tensor.randn(rng, 2, 1, 28, 28).conv2d(Tensor.randn(rng, 6, 1, 5, 5), null, 1, 2).shape());
        assertArrayEquals(new int[] {2, 16, 10, 10}, Tensor.randn(rng, 2, 6, 14, 14).conv2d(Tensor.randn(rng, 16, 6, 5, 5), Tensor.zeros(16), 1, 0).shape());
        // (7 + 2·1 - 3)/2 + 1 = 4 rows; (6 + 2 - 2)/2 + 1 = 4 columns: the division rounds down
        assertArrayEquals(new int[] {1, 2, 4, 4}, Tensor.randn(rng, 1, 3, 7, 6).conv2d(Tensor.randn(rng, 2, 3, 3, 2), null, 2, 1).shape());
        assertArrayEquals(new int[] {2, 6, 14, 14}, Tensor.randn(rng, 2, 6, 28, 28).avgPool2d(2, 2, 0).shape());
        assertArrayEquals(new int[] {2, 16, 5, 5}, Tensor.randn(rng, 2, 16, 10, 10).maxPool2d(2, 2, 0).shape());
        assertArrayEquals(new int[] {1, 1, 3, 2}, Tensor.randn(rng, 1, 1, 5, 4).maxPool2d(3, 2, 1).shape());
        assertArrayEquals(new int[] {0, 4, 3, 3}, Tensor.zeros(0, 2, 5, 5).conv2d(Tensor.ones(4, 2, 3, 3), Tensor.ones(4), 1, 0).shape());
    }

    @Test
    void conv2dOfAnEmptyBatchHasEmptyGradientsForXAndZeroForTheWeights() {
        Tensor x = Tensor.zeros(0, 2, 5, 5).requiresGrad(true), w = Tensor.ones(4, 2, 3, 3).requiresGrad(true), b = Tensor.ones(4).requiresGrad(true);
        x.conv2d(w, b, 1, 0).sum().backward();
        assertArrayEquals(new int[] {0, 2, 5, 5}, x.grad().shape());
        assertArrayEquals(new float[72], w.grad().toArray());
        assertArrayEquals(new float[4], b.grad().toArray());
    }

    @Test
    void maxPoolSendsTheGradientToTheFirstMaximumAsPyTorch() {
        /* x = torch.tensor([[1., 3, 3], [3, 2, 3], [0, 3, 1]]).reshape(1, 1, 3, 3).requires_grad_()
           y = F.max_pool2d(x, 2, 1, 1); y.backward(torch.ones_like(y))
           y: [[1, 3, 3, 3], [3, 3, 3, 3], [3, 3, 3, 3], [0, 3, 3, 1]]    x.grad: [[1, 4, 2], [3, 0, 2], [1, 2, 1]] */
        Tensor x = Tensor.of(new float[] {1, 3, 3, 3, 2, 3, 0, 3, 1}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = x.maxPool2d(2, 1, 1);
        assertArrayEquals(new float[] {1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 1}, y.toArray());
        assertEquals("MaxPool2dBackward", y.gradFn());
        y.sum().backward();
        assertArrayEquals(new float[] {1, 4, 2, 3, 0, 2, 1, 2, 1}, x.grad().toArray());
    }

    @Test
    void maxPoolLetsNaNWinAndNeverPicksThePadding() {
        /* F.max_pool2d(torch.tensor([[nan, 3, nan], [3, 2, 3], [0, 3, 1]]).reshape(1, 1, 3, 3), 3, 1, 1, return_indices=True):
           values [[nan, nan, nan], [nan, nan, nan], [3, 3, 3]], indices [[0, 2, 2], [0, 2, 2], [3, 3, 5]] (the last NaN wins)
           and on all -inf, 2x2 stride 1 padding 1: indices [[0, 0, 1, 2], ...]: the first value inside the image */
        Tensor x = Tensor.of(new float[] {NAN, 3, NAN, 3, 2, 3, 0, 3, 1}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = x.maxPool2d(3, 1, 1);
        assertArrayEquals(new float[] {NAN, NAN, NAN, NAN, NAN, NAN, 3, 3, 3}, y.toArray());
        y.backward(Tensor.arange(1, 10).reshape(1, 1, 3, 3));  // gradient k + 1 from output k: where each went tells its index
        assertArrayEquals(new float[] {1 + 4, 0, 2 + 3 + 5 + 6, 7 + 8, 0, 9, 0, 0, 0}, x.grad().toArray());
        Tensor low = Tensor.full(-INF, 1, 1, 3, 3).requiresGrad(true);
        Tensor z = low.maxPool2d(2, 1, 1);
        assertTrue(java.util.Arrays.equals(Tensor.full(-INF, 1, 1, 4, 4).toArray(), z.toArray()));
        z.backward(Tensor.ones(1, 1, 4, 4));
        assertArrayEquals(new float[] {4, 2, 2, 2, 1, 1, 2, 1, 1}, low.grad().toArray());  // indices [[0,0,1,2],[0,0,1,2],[3,3,4,5],[6,6,7,8]]
    }

    @Test
    void avgPoolCountsThePaddingInTheDivisorAsPyTorch() {
        /* x = torch.arange(1., 10).reshape(1, 1, 3, 3).requires_grad_(); y = F.avg_pool2d(x, 3, 2, 1)
           y: [[1.33333, 1.77778], [2.66667, 3.11111]]; y.backward(torch.tensor([[[[1., 2], [3, 4]]]]))
           x.grad: [[0.11111, 0.33333, 0.22222], [0.44444, 1.11111, 0.66667], [0.33333, 0.77778, 0.44444]] */
        Tensor x = Tensor.arange(1, 10).reshape(1, 1, 3, 3).requiresGrad(true);
        Tensor y = x.avgPool2d(3, 2, 1);
        assertClose(new float[] {12 / 9f, 16 / 9f, 24 / 9f, 28 / 9f}, y, 1e-6, "y");
        assertEquals("AvgPool2dBackward", y.gradFn());
        y.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertClose(new float[] {1 / 9f, 3 / 9f, 2 / 9f, 4 / 9f, 10 / 9f, 6 / 9f, 3 / 9f, 7 / 9f, 4 / 9f}, x.grad(), 1e-6, "dx");
    }

    @Test
    void badConvolutionsAreExplained() {
        Tensor image = Tensor.zeros(256, 1, 28, 28), w = Tensor.zeros(6, 3, 5, 5);
        assertEquals("conv2d: weight [6, 3, 5, 5] expects 3 input channels, but got input with 1 channel: [256, 1, 28, 28]",
                error(() -> image.conv2d(w, null, 1, 0)));
        assertEquals("conv2d: weight [6, 1, 5, 5] expects 1 input channel, but got input with 3 channels: [2, 3, 8, 8]",
                error(() -> Tensor.zeros(2, 3, 8, 8).conv2d(Tensor.zeros(6, 1, 5, 5), null, 1, 0)));
        assertEquals("conv2d: expects a 4-d input [N, C, H, W], but got a 3-d input of shape [1, 28, 28]; a single image needs a "
                + "batch dimension: x.unsqueeze(0)", error(() -> Tensor.zeros(1, 28, 28).conv2d(Tensor.zeros(6, 1, 5, 5), null, 1, 0)));
        assertEquals("conv2d: weight must be 4-d [outChannels, inChannels, kH, kW], but got shape [6, 5, 5]",
                error(() -> image.conv2d(Tensor.zeros(6, 5, 5), null, 1, 0)));
        assertEquals("conv2d: kernel 5x5 (weight [1, 1, 5, 5]) is larger than the padded input 4x4 (input [1, 1, 4, 4], padding 0)",
                error(() -> Tensor.zeros(1, 1, 4, 4).conv2d(Tensor.zeros(1, 1, 5, 5), null, 1, 0)));
        assertEquals("conv2d: stride must be positive, but got 0", error(() -> image.conv2d(Tensor.zeros(6, 1, 5, 5), null, 0, 0)));
        assertEquals("conv2d: stride must be positive, but got -1", error(() -> image.conv2d(Tensor.zeros(6, 1, 5, 5), null, -1, 0)));
        assertEquals("conv2d: padding must be non-negative, but got -1", error(() -> image.conv2d(Tensor.zeros(6, 1, 5, 5), null, 1, -1)));
        assertEquals("conv2d: bias must have shape [6], one value per output channel of weight [6, 1, 5, 5], but got [3]",
                error(() -> image.conv2d(Tensor.zeros(6, 1, 5, 5), Tensor.zeros(3), 1, 0)));
    }

    @Test
    void badPoolingsAreExplained() {
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        // PyTorch 1.13's words: F.max_pool2d(x, 3, 1, 2) and F.avg_pool2d(x, 3, 1, 2)
        assertEquals("maxPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=3", error(() -> x.maxPool2d(3, 1, 2)));
        assertEquals("avgPool2d: pad should be at most half of kernel size, but got pad=2 and kernel_size=3", error(() -> x.avgPool2d(3, 1, 2)));
        assertEquals("maxPool2d: kernel 5x5 is larger than the padded input 4x4 (input [1, 1, 4, 4], padding 0)", error(() -> x.maxPool2d(5, 1, 0)));
        assertEquals("avgPool2d: stride must be positive, but got 0", error(() -> x.avgPool2d(2, 0, 0)));
        assertEquals("maxPool2d: padding must be non-negative, but got -1", error(() -> x.maxPool2d(2, 1, -1)));
        assertEquals("maxPool2d: kernel size must be positive, but got 0", error(() -> x.maxPool2d(0, 1, 0)));
        assertEquals("avgPool2d: expects a 4-d input [N, C, H, W], but got a 2-d input of shape [4, 4]", error(() -> Tensor.zeros(4, 4).avgPool2d(2, 2, 0)));
    }
}
