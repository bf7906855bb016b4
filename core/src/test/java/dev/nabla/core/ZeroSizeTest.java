package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public op of {@link Tensor} on zero-size tensors, forward and backward, as PyTorch 1.13
 * does it (the shapes, values and gradients below are torch's). One row per case: a new op is one
 * more row, and {@link #everyPublicMethodHasARow} fails until it has one.
 *
 * <p>Inputs hold 1, 2, 3, ... (when not empty) and require grad; backward runs with a gradient of
 * ones, and every input's gradient must have the input's shape and the values PyTorch gives.
 */
class ZeroSizeTest {
    private static final float NAN = Float.NaN;

    /**
     * One case. {@code kind}: OP (the output requires grad and backward is checked), MASK (inputs
     * require grad but the output does not: comparisons, argmax, detach), PLAIN (factories and
     * in-place methods: inputs do not require grad).
     */
    private record Case(String method, Kind kind, Function<Tensor[], Tensor> op, int[] shape, int[][] inputs, float[] values,
                        float[][] grads) {
        /** The output's values, as PyTorch gives them. */
        Case values(float... v) {
            return new Case(method, kind, op, shape, inputs, v, grads);
        }

        /** One gradient per input, as PyTorch gives them (needed when an input is not empty). */
        Case grads(float[]... g) {
            return new Case(method, kind, op, shape, inputs, values, g);
        }

        String label() {
            return method + " on " + Arrays.stream(inputs).map(Arrays::toString).collect(Collectors.joining(", "));
        }
    }

    private enum Kind { OP, MASK, PLAIN }

    private static Case op(String method, Function<Tensor[], Tensor> op, int[] out, int[]... inputs) {
        return new Case(method, Kind.OP, op, out, inputs, null, null);
    }

    private static Case mask(String method, Function<Tensor[], Tensor> op, int[] out, int[]... inputs) {
        return new Case(method, Kind.MASK, op, out, inputs, null, null);
    }

    private static Case plain(String method, Function<Tensor[], Tensor> op, int[] out, int[]... inputs) {
        return new Case(method, Kind.PLAIN, op, out, inputs, null, null);
    }

    private static int[] s(int... shape) {
        return shape;
    }

    private static float[] f(float... values) {
        return values;
    }

    private static float[] zeros(int n) {
        return new float[n];
    }

    private static final float[] EMPTY = {};

    static final List<Case> CASES = List.of(
            // elementwise, with broadcasting against non-empty inputs (whose gradient is then 0)
            op("add(Tensor)", t -> t[0].add(t[1]), s(2, 0), s(2, 0), s()).grads(EMPTY, f(0)),
            op("add(float)", t -> t[0].add(2f), s(0, 3), s(0, 3)),
            op("sub(Tensor)", t -> t[0].sub(t[1]), s(0, 3), s(0, 1), s(1, 3)).grads(EMPTY, zeros(3)),
            op("sub(float)", t -> t[0].sub(2f), s(3, 0), s(3, 0)),
            op("mul(Tensor)", t -> t[0].mul(t[1]), s(0, 3), s(0, 3), s(3)).grads(EMPTY, zeros(3)),
            op("mul(float)", t -> t[0].mul(2f), s(0), s(0)),
            op("div(Tensor)", t -> t[0].div(t[1]), s(3, 0), s(3, 0), s(3, 1)).grads(EMPTY, zeros(3)),
            op("div(float)", t -> t[0].div(2f), s(2, 0, 4), s(2, 0, 4)),
            op("neg()", t -> t[0].neg(), s(0, 3), s(0, 3)),
            op("pow(float)", t -> t[0].pow(2f), s(0, 3), s(0, 3)),
            op("exp()", t -> t[0].exp(), s(0, 3), s(0, 3)),
            op("log()", t -> t[0].log(), s(0, 3), s(0, 3)),
            op("sqrt()", t -> t[0].sqrt(), s(0, 3), s(0, 3)),
            op("abs()", t -> t[0].abs(), s(0, 3), s(0, 3)),
            op("relu()", t -> t[0].relu(), s(0, 3), s(0, 3)),
            op("sigmoid()", t -> t[0].sigmoid(), s(3, 0), s(3, 0)),
            op("tanh()", t -> t[0].tanh(), s(3, 0), s(3, 0)),
            mask("gt(Tensor)", t -> t[0].gt(t[1]), s(0, 3), s(0, 3), s(3)),
            mask("gt(float)", t -> t[0].gt(0f), s(0, 3), s(0, 3)),
            mask("lt(Tensor)", t -> t[0].lt(t[1]), s(0, 3), s(0, 1), s(3)),
            mask("lt(float)", t -> t[0].lt(0f), s(0), s(0)),
            mask("ge(Tensor)", t -> t[0].ge(t[1]), s(2, 0), s(2, 0), s()),
            mask("ge(float)", t -> t[0].ge(0f), s(0, 3), s(0, 3)),
            mask("le(Tensor)", t -> t[0].le(t[1]), s(0, 3), s(0, 3), s(0, 3)),
            mask("le(float)", t -> t[0].le(0f), s(0, 3), s(0, 3)),
            mask("eq(Tensor)", t -> t[0].eq(t[1]), s(0, 3), s(0, 3), s(1, 3)),
            mask("eq(float)", t -> t[0].eq(0f), s(0, 3), s(0, 3)),
            mask("ne(Tensor)", t -> t[0].ne(t[1]), s(0, 3), s(0, 3), s(3)),
            mask("ne(float)", t -> t[0].ne(0f), s(0, 3), s(0, 3)),
            // linear algebra: an empty sum is 0
            op("matmul(Tensor)", t -> t[0].matmul(t[1]), s(2, 3), s(2, 0), s(0, 3)).values(zeros(6)),
            op("matmul(Tensor)", t -> t[0].matmul(t[1]), s(0, 2), s(0, 3), s(3, 2)).grads(EMPTY, zeros(6)),
            op("matmul(Tensor)", t -> t[0].matmul(t[1]), s(2, 0), s(2, 3), s(3, 0)).grads(zeros(6), EMPTY),
            op("matmul(Tensor)", t -> t[0].matmul(t[1]), s(), s(0), s(0)).values(0f),
            op("matmul(Tensor)", t -> t[0].matmul(t[1]), s(0), s(3), s(3, 0)).grads(zeros(3), EMPTY),
            op("matmul(Tensor)", t -> t[0].matmul(t[1]), s(0, 2, 4), s(0, 2, 3), s(3, 4)).grads(EMPTY, zeros(12)),
            op("linear(Tensor,Tensor)", t -> t[0].linear(t[1], t[2]), s(2, 3), s(2, 0), s(3, 0), s(3))
                    .values(1, 2, 3, 1, 2, 3).grads(EMPTY, EMPTY, f(2, 2, 2)),
            op("linear(Tensor,Tensor)", t -> t[0].linear(t[1], t[2]), s(0, 3), s(0, 4), s(3, 4), s(3)).grads(EMPTY, zeros(12), zeros(3)),
            op("linear(Tensor,Tensor)", t -> t[0].linear(t[1], null), s(2, 2, 3), s(2, 2, 0), s(3, 0)).values(zeros(12)),
            op("linear(Tensor,Tensor)", t -> t[0].linear(t[1], t[2]), s(2, 0), s(2, 4), s(0, 4), s(0)).grads(zeros(8), EMPTY, EMPTY),
            op("linearRelu(Tensor,Tensor)", t -> t[0].linearRelu(t[1], t[2]), s(2, 3), s(2, 0), s(3, 0), s(3))
                    .values(1, 2, 3, 1, 2, 3).grads(EMPTY, EMPTY, f(2, 2, 2)),
            op("linearRelu(Tensor,Tensor)", t -> t[0].linearRelu(t[1], t[2]), s(0, 3), s(0, 4), s(3, 4), s(3)).grads(EMPTY, zeros(12), zeros(3)),
            op("transpose(int,int)", t -> t[0].transpose(0, 1), s(3, 0), s(0, 3)),
            op("transpose(int,int)", t -> t[0].transpose(0, 2), s(4, 0, 2), s(2, 0, 4)),
            op("t()", t -> t[0].t(), s(3, 0), s(0, 3)),
            // reductions: sum of nothing is 0, mean NaN; max needs a non-empty dimension (errors below)
            op("sum()", t -> t[0].sum(), s(), s(0, 3)).values(0f),
            op("sum(int,boolean)", t -> t[0].sum(0, false), s(3), s(0, 3)).values(0, 0, 0),
            op("sum(int,boolean)", t -> t[0].sum(1, true), s(0, 1), s(0, 3)),
            op("mean()", t -> t[0].mean(), s(), s(0, 3)).values(NAN),
            op("mean(int,boolean)", t -> t[0].mean(0, false), s(3), s(0, 3)).values(NAN, NAN, NAN),
            op("mean(int,boolean)", t -> t[0].mean(1, false), s(0), s(0, 3)),
            op("max(int,boolean)", t -> t[0].max(1, false), s(0), s(0, 3)),
            op("max(int,boolean)", t -> t[0].max(1, true), s(0, 1), s(0, 3)),
            mask("argmax(int)", t -> t[0].argmax(1), s(0), s(0, 3)),
            // shape
            op("reshape(int[])", t -> t[0].reshape(-1), s(0), s(0, 3)),
            op("reshape(int[])", t -> t[0].reshape(3, 0), s(3, 0), s(0, 3)),
            op("flatten()", t -> t[0].flatten(), s(0), s(2, 0, 3)),
            op("flatten(int)", t -> t[0].flatten(1), s(2, 0), s(2, 0, 3)),
            op("unsqueeze(int)", t -> t[0].unsqueeze(1), s(0, 1, 3), s(0, 3)),
            op("squeeze(int)", t -> t[0].squeeze(1), s(0), s(0, 1)),
            op("squeeze(int)", t -> t[0].squeeze(0), s(0, 3), s(0, 3)),
            op("expand(int[])", t -> t[0].expand(0, 3), s(0, 3), s(1, 3)).grads(zeros(3)),
            op("expand(int[])", t -> t[0].expand(0, 4), s(0, 4), s(0, 1)),
            op("expand(int[])", t -> t[0].expand(2, 0), s(2, 0), s()).grads(f(0)),
            op("indexSelect(int,int[])", t -> t[0].indexSelect(0), s(0, 3), s(2, 3)).grads(zeros(6)),
            op("indexSelect(int,int[])", t -> t[0].indexSelect(1, 0, 2), s(0, 2), s(0, 3)),
            op("narrow(int,int,int)", t -> t[0].narrow(0, 2, 0), s(0, 3), s(2, 3)).grads(zeros(6)),
            op("narrow(int,int,int)", t -> t[0].narrow(1, 1, 2), s(0, 2), s(0, 3)),
            // softmax family: 0 rows, or rows of 0 classes
            op("softmax(int)", t -> t[0].softmax(1), s(0, 3), s(0, 3)),
            op("softmax(int)", t -> t[0].softmax(1), s(3, 0), s(3, 0)),
            op("softmax(int)", t -> t[0].softmax(0), s(3, 0), s(3, 0)),
            op("logSoftmax(int)", t -> t[0].logSoftmax(1), s(0, 3), s(0, 3)),
            op("logSoftmax(int)", t -> t[0].logSoftmax(1), s(3, 0), s(3, 0)),
            op("crossEntropy(int[])", t -> t[0].crossEntropy(new int[0]), s(0), s(0, 3)),
            op("crossEntropy(int[])", t -> t[0].crossEntropy(new int[0]), s(0), s(0, 0)),
            mask("detach()", t -> t[0].detach(), s(0, 3), s(0, 3)),
            // issue 10's elementwise ops and double overloads
            op("add(double)", t -> t[0].add(0.5), s(0, 3), s(0, 3)),
            op("sub(double)", t -> t[0].sub(0.5), s(0, 3), s(0, 3)),
            op("mul(double)", t -> t[0].mul(0.5), s(3, 0), s(3, 0)),
            op("div(double)", t -> t[0].div(0.5), s(0), s(0)),
            op("clamp(float,float)", t -> t[0].clamp(-1f, 1f), s(0, 3), s(0, 3)),
            op("leakyRelu(float)", t -> t[0].leakyRelu(0.1f), s(0, 3), s(0, 3)),
            op("gelu()", t -> t[0].gelu(), s(3, 0), s(3, 0)),
            op("softplus()", t -> t[0].softplus(), s(0, 3), s(0, 3)),
            op("maximum(Tensor)", t -> t[0].maximum(t[1]), s(0, 3), s(0, 3), s(3)).grads(EMPTY, zeros(3)),
            op("minimum(Tensor)", t -> t[0].minimum(t[1]), s(0, 3), s(3), s(0, 3)).grads(zeros(3), EMPTY),
            op("where(Tensor,Tensor,Tensor)", t -> Tensor.where(Tensor.zeros(0, 3), t[0], t[1]), s(0, 3), s(3), s(0, 3))
                    .grads(zeros(3), EMPTY),
            // issue 10's reductions: over an empty dimension, logsumexp is -inf and var NaN, as torch.logsumexp and torch.var
            op("sum(int[],boolean)", t -> t[0].sum(new int[] {0, 1}, false), s(), s(0, 3)).values(0f),
            op("mean(int[],boolean)", t -> t[0].mean(new int[] {0}, true), s(1, 3), s(0, 3)).values(NAN, NAN, NAN),
            op("min(int,boolean)", t -> t[0].min(1, false), s(0), s(0, 3)),
            op("var(int,boolean)", t -> t[0].var(0, false), s(3), s(0, 3)).values(NAN, NAN, NAN),
            op("var(int,boolean,boolean)", t -> t[0].var(1, false, false), s(0), s(0, 3)),
            op("var(int[],boolean,boolean)", t -> t[0].var(new int[] {0, 1}, false, true), s(), s(0, 3)).values(NAN),
            op("logSumExp(int,boolean)", t -> t[0].logSumExp(0, false), s(3), s(0, 3))
                    .values(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY),
            // issue 10's convolution, pooling and shape ops: an empty batch still has weights, whose gradient is 0
            op("conv2d(Tensor,Tensor,int,int)", t -> t[0].conv2d(t[1], t[2], 1, 0), s(0, 2, 3, 3), s(0, 1, 5, 5), s(2, 1, 3, 3), s(2))
                    .grads(EMPTY, zeros(18), zeros(2)),
            op("maxPool2d(int,int,int)", t -> t[0].maxPool2d(2, 2, 0), s(0, 2, 2, 2), s(0, 2, 4, 4)),
            op("avgPool2d(int,int,int)", t -> t[0].avgPool2d(2, 2, 0), s(0, 2, 2, 2), s(0, 2, 4, 4)),
            // an empty batch normalises nothing and leaves the running statistics (as torch's empty-input path)
            op("batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)",
                    t -> t[0].batchNorm(Tensor.zeros(3), Tensor.ones(3), t[1], t[2], true, 0.1, 1e-5), s(0, 3), s(0, 3), s(3), s(3))
                    .grads(EMPTY, zeros(3), zeros(3)),
            op("batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)",
                    t -> t[0].batchNorm(Tensor.zeros(0), Tensor.ones(0), t[1], t[2], false, 0.1, 1e-5), s(2, 0), s(2, 0), s(0), s(0)),
            op("permute(int[])", t -> t[0].permute(1, 0), s(3, 0), s(0, 3)),
            op("cat(int,Tensor[])", t -> Tensor.cat(0, t[0], t[1]), s(2, 3), s(0, 3), s(2, 3)).values(1, 2, 3, 4, 5, 6)
                    .grads(EMPTY, f(1, 1, 1, 1, 1, 1)),
            op("stack(int,Tensor[])", t -> Tensor.stack(0, t[0], t[1]), s(2, 0, 3), s(0, 3), s(0, 3)),
            plain("fromUnsignedBytes(byte[],float,int[])", t -> Tensor.fromUnsignedBytes(new byte[0], 1f, 0, 3), s(0, 3)),
            // factories
            plain("zeros(int[])", t -> Tensor.zeros(0, 3), s(0, 3)),
            plain("ones(int[])", t -> Tensor.ones(3, 0), s(3, 0)),
            plain("full(float,int[])", t -> Tensor.full(7f, 0), s(0)),
            plain("arange(int)", t -> Tensor.arange(0), s(0)),
            plain("arange(int,int)", t -> Tensor.arange(5, 5), s(0)),
            plain("rand(int[])", t -> Tensor.rand(0, 2), s(0, 2)),
            plain("rand(Rng,int[])", t -> Tensor.rand(new Rng(1), 2, 0), s(2, 0)),
            plain("randn(int[])", t -> Tensor.randn(0), s(0)),
            plain("randn(Rng,int[])", t -> Tensor.randn(new Rng(1), 0, 0), s(0, 0)),
            plain("of(float[],int[])", t -> Tensor.of(new float[0], 4, 0), s(4, 0)),
            plain("of(float[][])", t -> Tensor.of(new float[0][]), s(0, 0)),
            plain("of(float[][])", t -> Tensor.of(new float[][] {{}, {}}), s(2, 0)),
            plain("wrap(float[],int[])", t -> Tensor.wrap(new float[0], 0, 5), s(0, 5)),
            // in place (each returns the tensor it changed)
            plain("add_(Tensor,float)", t -> t[0].add_(t[1], 2f), s(0, 3), s(0, 3), s(0, 3)),
            plain("mul_(float)", t -> t[0].mul_(2f), s(0, 3), s(0, 3)),
            plain("copy_(Tensor)", t -> t[0].copy_(t[1]), s(3, 0), s(3, 0), s(3, 0)),
            plain("fill_(float)", t -> t[0].fill_(1f), s(0), s(0)),
            plain("zero_()", t -> t[0].zero_(), s(0, 3), s(0, 3)),
            plain("uniform_(float,float,Rng)", t -> t[0].uniform_(0f, 1f, new Rng(2)), s(0, 3), s(0, 3)),
            plain("normal_(float,float,Rng)", t -> t[0].normal_(0f, 1f, new Rng(2)), s(0, 3), s(0, 3)));

    /** A call PyTorch refuses on an empty tensor, refused here too (in our words). */
    private record Refusal(String method, Function<Tensor, Object> op, int[] shape, String message) {}

    static final List<Refusal> REFUSALS = List.of(
            new Refusal("max()", Tensor::max, s(0, 3), "max: the tensor of shape [0, 3] is empty, so it has no maximum; "
                    + "max(dim, keepDim) reduces one dimension, which must be non-empty"),
            new Refusal("min()", Tensor::min, s(0, 3), "min: the tensor of shape [0, 3] is empty, so it has no minimum; "
                    + "min(dim, keepDim) reduces one dimension, which must be non-empty"),
            new Refusal("max(int,boolean)", x -> x.max(0, false), s(0, 3), "max: dimension 0 of shape [0, 3] is empty, so it has no maximum"),
            new Refusal("argmax(int)", x -> x.argmax(0), s(0, 3), "argmax: dimension 0 of shape [0, 3] is empty, so it has no maximum"),
            new Refusal("reshape(int[])", x -> x.reshape(0, -1), s(0, 3), "reshape: cannot reshape a tensor of 0 elements into "
                    + "shape [0, -1] because the unspecified dimension size -1 can be any value and is ambiguous"),
            new Refusal("indexSelect(int,int[])", x -> x.indexSelect(0, 0), s(0, 3),
                    "indexSelect: index 0 is out of bounds for dimension 0 with size 0 (shape [0, 3])"),
            new Refusal("item()", Tensor::item, s(0),
                    "item: only one-element tensors can be converted to a number, but this tensor has shape [0] (0 elements)"),
            new Refusal("get(int[])", x -> x.get(0, 0), s(0, 3), "get: index 0 is out of bounds for dimension 0 with size 0 (shape [0, 3])"),
            new Refusal("crossEntropy(int[])", x -> x.crossEntropy(new int[] {0}), s(1, 0),
                    "crossEntropy: label 0 at position 0 is out of range for 0 classes (expected 0 to -1)"));

    /** Methods that are no op on values; {@link #inspectionAndAutogradOfEmptyTensors} covers them. */
    private static final Set<String> NOT_OPS = Set.of("scalar(float)", "shape()", "size(int)", "dim()", "numel()", "item()",
            "get(int[])", "toArray()", "allClose(Tensor,double,double)", "requiresGrad(boolean)", "requiresGrad()", "isLeaf()",
            "gradFn()", "grad()", "zeroGrad()", "backward()", "backward(Tensor)", "backward(Tensor,boolean)", "noGrad()",
            "isGradEnabled()", "max()", "min()", "toString()", "toDot()");

    @TestFactory
    Stream<DynamicTest> everyOpOnZeroSizeInputs() {
        return CASES.stream().map(c -> dynamicTest(c.label(), () -> check(c)));
    }

    private static void check(Case c) {
        Tensor[] in = new Tensor[c.inputs().length];
        for (int i = 0; i < in.length; i++) {
            int n = numel(c.inputs()[i]);
            float[] v = new float[n];
            for (int j = 0; j < n; j++) v[j] = j + 1;
            in[i] = Tensor.of(v, c.inputs()[i]).requiresGrad(c.kind() != Kind.PLAIN);
        }
        Tensor y = c.op().apply(in.clone());
        assertArrayEquals(c.shape(), y.shape(), "shape");
        assertEquals(numel(c.shape()), y.numel(), "numel");
        if (c.values() != null) assertArrayEquals(c.values(), y.toArray(), "values");
        if (c.kind() == Kind.PLAIN) {
            if (c.method().contains("_(")) assertSame(in[0], y, "an in-place method returns its tensor");
            return;
        }
        if (c.kind() == Kind.MASK) {
            assertFalse(y.requiresGrad(), "no gradient flows through " + c.method());
            return;
        }
        assertTrue(y.requiresGrad(), c.method() + " must record a graph");
        y.backward(Tensor.ones(y.shape()));
        for (int i = 0; i < in.length; i++) {
            Tensor g = in[i].grad();
            assertNotNull(g, "input " + i + " got no gradient");
            assertArrayEquals(in[i].shape(), g.shape(), "gradient shape of input " + i);
            float[] expected = c.grads() != null ? c.grads()[i] : in[i].numel() == 0 ? EMPTY : null;
            assertNotNull(expected, "the row must state input " + i + "'s gradient: it is not empty");
            assertArrayEquals(expected, g.toArray(), "gradient of input " + i);
        }
    }

    private static int numel(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    @Test
    void whatPyTorchRefusesIsRefusedWithAClearMessage() {
        for (Refusal r : REFUSALS) {
            Tensor x = Tensor.zeros(r.shape());
            assertEquals(r.message(), assertThrows(IllegalArgumentException.class, () -> r.op().apply(x), r.method()).getMessage());
        }
    }

    @Test
    void inspectionAndAutogradOfEmptyTensors() {
        Tensor x = Tensor.zeros(2, 0, 3).requiresGrad(true);
        assertArrayEquals(new int[] {2, 0, 3}, x.shape());
        assertEquals(0, x.size(1));
        assertEquals(3, x.dim());
        assertEquals(0, x.numel());
        assertArrayEquals(new float[0], x.toArray());
        assertTrue(x.allClose(Tensor.zeros(2, 0, 3), 0, 0));
        assertFalse(x.allClose(Tensor.zeros(0, 2, 3), 0, 0));
        assertTrue(x.isLeaf());
        assertNull(x.gradFn());
        assertNull(x.grad());
        assertEquals("tensor([], size=(2, 0, 3), requires_grad=True)", x.toString());
        assertEquals("tensor([])", Tensor.zeros(0).toString());
        assertTrue(x.toDot().contains("[2, 0, 3]"));
        Tensor y = x.mul(2f);
        assertEquals("MulBackward", y.gradFn());
        assertEquals("backward: grad can be implicitly created only for one-element outputs, but this tensor has shape "
                + "[2, 0, 3]; call backward(gradient) with a tensor of that shape",
                assertThrows(IllegalStateException.class, y::backward).getMessage());
        y.backward(Tensor.zeros(2, 0, 3), true);
        y.backward(Tensor.zeros(2, 0, 3));
        assertArrayEquals(new int[] {2, 0, 3}, x.grad().shape());
        x.zeroGrad();
        assertNull(x.grad());
        Tensor leaf = Tensor.zeros(0).requiresGrad(true);  // backward on an empty leaf: its gradient is the seed
        leaf.backward(Tensor.zeros(0));
        assertArrayEquals(new int[] {0}, leaf.grad().shape());
        assertFalse(leaf.requiresGrad(false).requiresGrad());
        try (NoGrad g = Tensor.noGrad()) {
            assertFalse(Tensor.isGradEnabled());
            assertNull(Tensor.ones(0).requiresGrad(true).add(1f).gradFn());
        }
        assertEquals(5f, Tensor.scalar(5f).item());
    }

    @Test
    void everyPublicMethodHasARow() {
        Set<String> covered = new TreeSet<>(NOT_OPS);
        CASES.forEach(c -> covered.add(c.method()));
        Set<String> missing = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers())) continue;
            String sig = m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(",", "(", ")"));
            if (!covered.contains(sig)) missing.add(sig);
        }
        assertEquals(Set.of(), missing, "public Tensor methods without a zero-size row: add one to CASES");
    }
}
