package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Values and gradients at NaN, ±∞ and ±0, against PyTorch 1.13: each row's numbers are torch's
 * {@code y} and {@code x.grad} for the same call on {@code x = [nan, inf, -inf, 0, -0, -1, 2]} after
 * {@code y.backward(torch.ones_like(y))}. NaN, infinities
 * and zeros (with their sign) must match exactly; other values to 1e-6 relative, since torch rounds
 * transcendental results in float32 where Nabla rounds once from double (sigmoid's gradient
 * y·(1 - y) turns torch's 1-ulp error in y near 0.88 into 7 ulps).
 *
 * <p>The seven values are repeated 40 times, so that the Vector API kernels run them in their
 * vector bodies as well as in their scalar tails; this test runs on both kernel paths.
 */
class EdgeValuesTest {
    private static final float NAN = Float.NaN, INF = Float.POSITIVE_INFINITY;
    private static final float[] X = {NAN, INF, -INF, 0f, -0f, -1f, 2f};
    private static final int REPEAT = 40;

    private record Row(String name, UnaryOperator<Tensor> op, float[] values, float[] grads) {}

    private static Row row(String name, UnaryOperator<Tensor> op, float[] values, float[] grads) {
        return new Row(name, op, values, grads);
    }

    private static float[] f(float... v) {
        return v;
    }

    static final List<Row> ROWS = List.of(
            row("relu", Tensor::relu,
                    f(NAN, INF, 0f, 0f, -0f, 0f, 2.0f),
                    f(1.0f, 1.0f, 0f, 0f, 0f, 0f, 1.0f)),
            row("abs", Tensor::abs,
                    f(NAN, INF, INF, 0f, 0f, 1.0f, 2.0f),
                    f(0f, 1.0f, -1.0f, 0f, 0f, -1.0f, 1.0f)),
            row("sqrt", Tensor::sqrt,
                    f(NAN, INF, NAN, 0f, -0f, NAN, 1.4142135381698608f),
                    f(NAN, 0f, NAN, INF, -INF, NAN, 0.3535533845424652f)),
            row("log", Tensor::log,
                    f(NAN, INF, NAN, -INF, -INF, NAN, 0.6931471824645996f),
                    f(NAN, 0f, -0f, INF, -INF, -1.0f, 0.5f)),
            row("exp", Tensor::exp,
                    f(NAN, INF, 0f, 1.0f, 1.0f, 0.3678794503211975f, 7.389056205749512f),
                    f(NAN, INF, 0f, 1.0f, 1.0f, 0.3678794503211975f, 7.389056205749512f)),
            row("sigmoid", Tensor::sigmoid,
                    f(NAN, 1.0f, 0f, 0.5f, 0.5f, 0.2689414322376251f, 0.8807970285415649f),
                    f(NAN, 0f, 0f, 0.25f, 0.25f, 0.1966119408607483f, 0.10499362647533417f)),
            row("tanh", Tensor::tanh,
                    f(NAN, 1.0f, -1.0f, 0f, -0f, -0.7615941762924194f, 0.9640275835990906f),
                    f(NAN, 0f, 0f, 1.0f, 1.0f, 0.41997429728507996f, 0.07065081596374512f)),
            row("neg", Tensor::neg,
                    f(NAN, -INF, INF, -0f, 0f, 1.0f, -2.0f),
                    f(-1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f)),
            row("pow(2)", x -> x.pow(2f),
                    f(NAN, INF, INF, 0f, 0f, 1.0f, 4.0f),
                    f(NAN, INF, -INF, 0f, -0f, -2.0f, 4.0f)),
            row("pow(0)", x -> x.pow(0f),
                    f(1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f),
                    f(0f, 0f, 0f, 0f, 0f, 0f, 0f)),
            row("pow(0.5)", x -> x.pow(0.5f),
                    f(NAN, INF, NAN, 0f, -0f, NAN, 1.4142135381698608f),
                    f(NAN, 0f, NAN, INF, -INF, NAN, 0.3535533845424652f)),
            row("pow(-0.5)", x -> x.pow(-0.5f),
                    f(NAN, 0f, NAN, INF, -INF, NAN, 0.7071067690849304f),
                    f(NAN, -0f, -0f, -INF, -INF, NAN, -0.1767766922712326f)),
            row("pow(-1)", x -> x.pow(-1f),
                    f(NAN, 0f, -0f, INF, -INF, -1.0f, 0.5f),
                    f(NAN, -0f, -0f, -INF, -INF, -1.0f, -0.25f)),
            row("pow(3)", x -> x.pow(3f),
                    f(NAN, INF, -INF, 0f, -0f, -1.0f, 8.0f),
                    f(NAN, INF, INF, 0f, 0f, 3.0f, 12.0f)),
            row("1 / x", x -> Tensor.scalar(1f).div(x),
                    f(NAN, 0f, -0f, INF, -INF, -1.0f, 0.5f),
                    f(NAN, -0f, -0f, -INF, -INF, -1.0f, -0.25f)),
            row("x / 2", x -> x.div(2f),
                    f(NAN, INF, -INF, 0f, -0f, -0.5f, 1.0f),
                    f(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f)),
            row("x * x", x -> x.mul(x),
                    f(NAN, INF, INF, 0f, 0f, 1.0f, 4.0f),
                    f(NAN, INF, -INF, 0f, -0f, -2.0f, 4.0f)),
            row("x + x", x -> x.add(x),
                    f(NAN, INF, -INF, 0f, -0f, -2.0f, 4.0f),
                    f(2.0f, 2.0f, 2.0f, 2.0f, 2.0f, 2.0f, 2.0f)),
            row("x - 1", x -> x.sub(1f),
                    f(NAN, INF, -INF, -1.0f, -1.0f, -2.0f, 1.0f),
                    f(1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f)));

    @TestFactory
    Stream<DynamicTest> elementwiseOpsAtSpecialValuesMatchPyTorch() {
        return ROWS.stream().map(r -> dynamicTest(r.name(), () -> {
            Tensor x = Tensor.of(repeat(X), X.length * REPEAT).requiresGrad(true);
            Tensor y = r.op().apply(x);
            y.backward(Tensor.ones(y.shape()));
            float[] v = y.toArray(), g = x.grad().toArray();
            for (int i = 0; i < v.length; i++) {
                same(r.values()[i % X.length], v[i], r.name() + " at x = " + X[i % X.length] + " (element " + i + ")");
                same(r.grads()[i % X.length], g[i], "gradient of " + r.name() + " at x = " + X[i % X.length] + " (element " + i + ")");
            }
        }));
    }

    private static float[] repeat(float[] x) {
        float[] out = new float[x.length * REPEAT];
        for (int i = 0; i < out.length; i++) out[i] = x[i % x.length];
        return out;
    }

    /** Exactly the same NaN, infinity or signed zero; otherwise within 1e-6 relative. */
    private static void same(float expected, float actual, String what) {
        if (!Float.isFinite(expected) || expected == 0f) assertEquals(0, Float.compare(expected, actual), what + ": " + actual);
        else assertEquals(expected, actual, 1e-6f * Math.abs(expected), what);
    }

    @Test
    void wholeTensorMaxSplitsTheGradientAmongTies() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2}, 4).requiresGrad(true);
        x.max().backward();
        assertArrayEquals(f(0, 0.5f, 0.5f, 0), x.grad().toArray());  // torch: tensor([0.0000, 0.5000, 0.5000, 0.0000])
        Tensor m = Tensor.of(new float[] {1, 3, 3, 3, 3, 3}, 2, 3).requiresGrad(true);
        m.max().mul(10f).backward();
        assertArrayEquals(f(0, 2, 2, 2, 2, 2), m.grad().toArray());  // 10 / 5 ties
        Tensor n = Tensor.of(new float[] {1, NAN, 3, NAN}, 4).requiresGrad(true);
        Tensor max = n.max();
        assertEquals(NAN, max.item());
        max.backward();
        assertArrayEquals(f(0, 0.5f, 0, 0.5f), n.grad().toArray());  // the NaNs are the maxima, and tie
        Tensor z = Tensor.of(new float[] {-0f, 0f}, 2).requiresGrad(true);
        z.max().backward();
        assertArrayEquals(f(0.5f, 0.5f), z.grad().toArray());  // -0 == 0
        Tensor r = Tensor.of(new float[] {-1, 0.5f, -2, 0.5f}, 4).requiresGrad(true);
        r.relu().max().backward();  // ties after relu: the two 0.5s share, the clipped ones get nothing
        assertArrayEquals(f(0, 0.5f, 0, 0.5f), r.grad().toArray());
        assertEquals("MaxBackward", Tensor.ones(2).requiresGrad(true).max().gradFn());
        GradCheck.check(t -> t[0].max(), Tensor.of(new float[] {0.3f, -1, 2, 0.7f}, 2, 2));
    }

    @Test
    void maxAlongADimensionSendsTheGradientToTheFirstMaximum() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 3, 3, 3}, 2, 3).requiresGrad(true);
        x.max(1, false).sum().backward();
        assertArrayEquals(f(0, 1, 0, 1, 0, 0), x.grad().toArray());  // torch: [[0., 1., 0.], [1., 0., 0.]]
        Tensor n = Tensor.of(new float[] {1, NAN, 3, NAN}, 4).requiresGrad(true);
        n.max(0, false).backward();
        assertArrayEquals(f(0, 1, 0, 0), n.grad().toArray());  // torch: index 1, the first NaN
        assertArrayEquals(f(1), Tensor.of(new float[] {1, NAN, 3}, 3).argmax(0).toArray());
    }

    @Test
    void softmaxAndCrossEntropyAtInfinities() {
        float[] nan2 = {NAN, NAN};
        assertArrayEquals(nan2, Tensor.of(new float[] {-INF, -INF}, 1, 2).softmax(1).toArray());  // torch: [[nan, nan]]
        assertArrayEquals(nan2, Tensor.of(new float[] {-INF, -INF}, 1, 2).logSoftmax(1).toArray());
        assertArrayEquals(nan2, Tensor.of(new float[] {INF, 1}, 1, 2).softmax(1).toArray());
        assertArrayEquals(nan2, Tensor.of(new float[] {INF, 1}, 1, 2).logSoftmax(1).toArray());
        assertArrayEquals(nan2, Tensor.of(new float[] {NAN, 1}, 2).softmax(0).toArray());
        assertArrayEquals(f(INF), Tensor.of(new float[] {-INF, 0}, 1, 2).crossEntropy(new int[] {0}).toArray());
    }
}
