package dev.nabla.core;

import static dev.nabla.core.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every op's backward against central differences: one line each. */
class GradientTest {
    private final Rng rng = new Rng(7);

    private Tensor randn(int... shape) { return Tensor.randn(rng, shape); }
    /** Values in [0.5, 2): safe for log, sqrt, division and pow. */
    private Tensor positive(int... shape) { return Tensor.rand(rng, shape).mul(1.5f).add(0.5f); }
    /** Normal values pushed at least 0.1 away from 0, the kink of relu and abs. */
    private Tensor awayFromZero(int... shape) {
        Tensor x = randn(shape);
        return x.add(x.gt(0f).sub(0.5f).mul(0.2f));
    }

    /** A shuffled arange scaled by 0.1: no two values within a finite-difference step of each other, so no ties for max. */
    private Tensor distinct(int... shape) {
        Tensor x = Tensor.zeros(shape);
        float[] v = new float[x.numel()];
        for (int i = 0; i < v.length; i++) v[i] = 0.1f * (i - v.length / 2);
        java.util.Random r = new java.util.Random(11);
        for (int i = v.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
    }

    @Test void add() { check(x -> x[0].add(x[1]), randn(2, 3), randn(2, 3)); }
    @Test void sub() { check(x -> x[0].sub(x[1]), randn(2, 3), randn(2, 3)); }
    @Test void mul() { check(x -> x[0].mul(x[1]), randn(2, 3), randn(2, 3)); }
    @Test void div() { check(x -> x[0].div(x[1]), randn(2, 3), positive(2, 3)); }
    @Test void scalarOverloads() { check(x -> x[0].add(2f).sub(1f).mul(3f).div(4f), randn(3, 2)); }
    @Test void neg() { check(x -> x[0].neg(), randn(4)); }
    @Test void pow() { check(x -> x[0].pow(3f), randn(2, 3)); }
    @Test void powFractional() { check(x -> x[0].pow(-1.5f), positive(5)); }
    @Test void exp() { check(x -> x[0].exp(), randn(2, 3)); }
    @Test void log() { check(x -> x[0].log(), positive(2, 3)); }
    @Test void sqrt() { check(x -> x[0].sqrt(), positive(2, 3)); }
    @Test void abs() { check(x -> x[0].abs(), awayFromZero(2, 3)); }
    @Test void relu() { check(x -> x[0].relu(), awayFromZero(3, 4)); }
    @Test void sigmoid() { check(x -> x[0].sigmoid(), randn(2, 3)); }
    @Test void tanh() { check(x -> x[0].tanh(), randn(2, 3)); }
    @Test void doubleOverloads() { check(x -> x[0].add(2.0).sub(1.0).mul(0.5).div(4.0), randn(3, 2)); }
    @Test void clamp() { check(x -> x[0].clamp(-1f, 1f), Tensor.of(new float[] {-2.5f, -0.7f, 0.3f, 0.9f, 1.6f, 3f}, 2, 3)); }
    @Test void maximum() { check(x -> x[0].maximum(x[1]), randn(3, 4), randn(3, 4)); }
    @Test void maximumBroadcastRow() { check(x -> x[0].maximum(x[1]), randn(3, 4), randn(4)); }
    @Test void maximumBroadcastBothWays() { check(x -> x[0].maximum(x[1]), randn(3, 1), randn(1, 4)); }
    @Test void minimum() { check(x -> x[0].minimum(x[1]), randn(3, 4), randn(3, 4)); }
    @Test void minimumBroadcastScalar() { check(x -> x[0].minimum(x[1]), randn(2, 3), randn()); }
    @Test void where() { check(x -> Tensor.where(x[0].gt(0f), x[1], x[2]), randn(2, 3), randn(2, 3), randn(2, 3)); }
    @Test void whereBroadcastAllThree() { check(x -> Tensor.where(x[0].gt(0f), x[1], x[2]), randn(3, 1), randn(2, 3, 4), randn(4)); }
    @Test void leakyRelu() { check(x -> x[0].leakyRelu(0.1f), awayFromZero(3, 4)); }
    @Test void gelu() { check(x -> x[0].gelu(), randn(3, 4).mul(2f)); }
    @Test void softplus() { check(x -> x[0].softplus(), randn(3, 4).mul(3f)); }

    @Test void broadcastRowVector() { check(x -> x[0].add(x[1]), randn(3, 4), randn(4)); }
    @Test void broadcastColumn() { check(x -> x[0].mul(x[1]), randn(3, 4), randn(3, 1)); }
    @Test void broadcastBothWays() { check(x -> x[0].sub(x[1]), randn(3, 1), randn(1, 4)); }
    @Test void broadcastScalarTensor() { check(x -> x[0].div(x[1]), randn(2, 3), positive()); }
    @Test void broadcastLeadingDims() { check(x -> x[0].mul(x[1]), randn(2, 3, 4), randn(3, 1)); }
    @Test void broadcastSameInputTwice() { check(x -> x[0].mul(x[0]), randn(2, 2)); }

    @Test void matmul2d() { check(x -> x[0].matmul(x[1]), randn(3, 4), randn(4, 2)); }
    @Test void matmulVectorMatrix() { check(x -> x[0].matmul(x[1]), randn(4), randn(4, 3)); }
    @Test void matmulMatrixVector() { check(x -> x[0].matmul(x[1]), randn(3, 4), randn(4)); }
    @Test void matmulDot() { check(x -> x[0].matmul(x[1]), randn(5), randn(5)); }
    @Test void matmulBatched() { check(x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(2, 4, 2)); }
    @Test void matmulBatchBroadcast() { check(x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(4, 2)); }
    @Test void matmulBatchBroadcastBothSides() { check(x -> x[0].matmul(x[1]), randn(2, 1, 2, 3), randn(3, 3, 2)); }
    @Test void linear() { check(x -> x[0].linear(x[1], x[2]), randn(4, 3), randn(2, 3), randn(2)); }
    @Test void linearWithoutBias() { check(x -> x[0].linear(x[1], null), randn(4, 3), randn(2, 3)); }
    @Test void linearOnBatchesOfSequences() { check(x -> x[0].linear(x[1], x[2]), randn(2, 3, 4), randn(5, 4), randn(5)); }
    @Test void linearRelu() { check(x -> x[0].linearRelu(x[1], x[2]), randn(6, 3), randn(4, 3), randn(4)); }
    @Test void linearReluWithoutBias() { check(x -> x[0].linearRelu(x[1], null), randn(6, 3), randn(4, 3)); }
    @Test void transpose() { check(x -> x[0].transpose(0, 2), randn(2, 3, 4)); }
    @Test void t() { check(x -> x[0].t(), randn(2, 3)); }

    @Test void sumAll() { check(x -> x[0].sum(), randn(2, 3)); }
    @Test void sumDim() { check(x -> x[0].sum(1, false), randn(2, 3, 4)); }
    @Test void sumDimKeep() { check(x -> x[0].sum(0, true), randn(2, 3)); }
    @Test void meanAll() { check(x -> x[0].mean(), randn(2, 3)); }
    @Test void meanDim() { check(x -> x[0].mean(-1, false), randn(2, 3)); }
    @Test void maxDim() { check(x -> x[0].max(1, false), randn(3, 4)); }
    @Test void maxAll() { check(x -> x[0].max(), randn(3, 4)); }
    @Test void minDim() { check(x -> x[0].min(0, false), randn(3, 4)); }
    @Test void minDimKeep() { check(x -> x[0].min(-1, true), randn(2, 3, 4)); }
    @Test void minAll() { check(x -> x[0].min(), randn(3, 4)); }
    @Test void sumDims() { check(x -> x[0].sum(new int[] {0, 2}, false), randn(2, 3, 4)); }
    @Test void sumDimsKeepNegative() { check(x -> x[0].sum(new int[] {-1, 1}, true), randn(2, 3, 4)); }
    @Test void meanDimsBatchNormShape() { check(x -> x[0].mean(new int[] {0, 2, 3}, true), randn(2, 3, 2, 2)); }
    @Test void varDim() { check(x -> x[0].var(1, false), randn(3, 4)); }
    @Test void varDimBiasedKeep() { check(x -> x[0].var(0, true, false), randn(3, 4)); }
    @Test void varDimsBatchNormShape() { check(x -> x[0].var(new int[] {0, 2, 3}, true, false), randn(2, 3, 2, 2)); }
    @Test void varAllDimsUnbiased() { check(x -> x[0].var(new int[0], false, true), randn(2, 3)); }
    @Test void logSumExp() { check(x -> x[0].logSumExp(1, false), randn(3, 4)); }
    @Test void logSumExpDim0Keep() { check(x -> x[0].logSumExp(0, true), randn(3, 2, 2)); }

    @Test void reshape() { check(x -> x[0].reshape(3, -1).mul(x[0].reshape(3, 2)), randn(2, 3)); }
    @Test void flatten() { check(x -> x[0].flatten(1), randn(2, 3, 2)); }
    @Test void unsqueezeSqueeze() { check(x -> x[0].unsqueeze(1).mul(x[1]).squeeze(0), randn(3), randn(1, 3, 2)); }
    @Test void expand() { check(x -> x[0].expand(2, 3, 4), randn(3, 1)); }
    @Test void indexSelectRows() { check(x -> x[0].indexSelect(0, 2, 0, 2), randn(3, 2)); }
    @Test void indexSelectInner() { check(x -> x[0].indexSelect(1, 1, -1), randn(2, 3, 2)); }
    @Test void narrow() { check(x -> x[0].narrow(1, 1, 2), randn(2, 4)); }

    // conv2d: padding, stride 2, H != W, non-square kernels, batch 1, channels 1 and 3, bias and none
    @Test void conv2d() { check(x -> x[0].conv2d(x[1], x[2], 1, 0), randn(2, 3, 5, 4), randn(2, 3, 3, 2), randn(2)); }
    @Test void conv2dPadded() { check(x -> x[0].conv2d(x[1], x[2], 1, 1), randn(2, 1, 4, 5), randn(3, 1, 3, 3), randn(3)); }
    @Test void conv2dStride2NoBias() { check(x -> x[0].conv2d(x[1], null, 2, 0), randn(1, 3, 7, 6), randn(2, 3, 3, 3)); }
    @Test void conv2dStride2Padded() { check(x -> x[0].conv2d(x[1], x[2], 2, 2), randn(1, 1, 5, 6), randn(2, 1, 3, 2), randn(2)); }
    @Test void conv2dOneByOne() { check(x -> x[0].conv2d(x[1], x[2], 1, 0), randn(2, 3, 2, 3), randn(4, 3, 1, 1), randn(4)); }
    @Test void conv2dSixteenOutputChannels() { check(x -> x[0].conv2d(x[1], x[2], 1, 1), randn(2, 2, 3, 4), randn(16, 2, 3, 3), randn(16)); }
    @Test void conv2dKernelAsLargeAsThePaddedInput() { check(x -> x[0].conv2d(x[1], null, 3, 1), randn(2, 2, 3, 4), randn(2, 2, 5, 6)); }
    @Test void maxPool2d() { check(x -> x[0].maxPool2d(2, 2, 0), distinct(2, 3, 4, 6)); }
    @Test void maxPool2dOverlappingPadded() { check(x -> x[0].maxPool2d(3, 1, 1), distinct(1, 2, 5, 4)); }
    @Test void maxPool2dStride2Padded() { check(x -> x[0].maxPool2d(3, 2, 1), distinct(1, 1, 6, 5)); }
    @Test void avgPool2d() { check(x -> x[0].avgPool2d(2, 2, 0), randn(2, 3, 5, 7)); }
    @Test void avgPool2dOverlappingPadded() { check(x -> x[0].avgPool2d(3, 1, 1), randn(1, 2, 5, 4)); }
    @Test void avgPool2dStride2PaddedWithEdge() { check(x -> x[0].avgPool2d(2, 3, 1), randn(1, 3, 6, 5)); }
    @Test void batchNormTraining() { check(x -> x[0].batchNorm(Tensor.zeros(3), Tensor.ones(3), x[1], x[2], true, 0.1, 1e-5), randn(2, 3, 4, 5), randn(3), randn(3)); }
    @Test void batchNormEval() {
        Tensor runningMean = randn(3), runningVar = positive(3);
        check(x -> x[0].batchNorm(runningMean, runningVar, x[1], null, false, 0.1, 1e-5), randn(4, 3), randn(3));
    }
    @Test void permute() { check(x -> x[0].permute(2, 0, 1), randn(2, 3, 4)); }
    @Test void permuteNegativeDims() { check(x -> x[0].permute(-1, 1, 0, -2).mul(x[1]), randn(2, 3, 1, 4), randn(4, 3, 2, 1)); }
    @Test void cat() { check(x -> Tensor.cat(1, x[0], x[1], x[0]), randn(2, 3, 2), randn(2, 1, 2)); }
    @Test void catLastDim() { check(x -> Tensor.cat(-1, x[0], x[1]).mul(x[2]), randn(3, 2), randn(3, 4), randn(3, 6)); }
    @Test void stack() { check(x -> Tensor.stack(0, x[0], x[1]), randn(2, 3), randn(2, 3)); }
    @Test void stackNewLastDim() { check(x -> Tensor.stack(-1, x[0], x[1], x[0]), randn(2, 3), randn(2, 3)); }

    @Test void softmax() { check(x -> x[0].softmax(1), randn(3, 4)); }
    @Test void softmaxDim0() { check(x -> x[0].softmax(0), randn(3, 4)); }
    @Test void logSoftmax() { check(x -> x[0].logSoftmax(-1), randn(3, 4)); }
    @Test void logSoftmaxMiddleDim() { check(x -> x[0].logSoftmax(1), randn(2, 3, 2)); }
    @Test void crossEntropy() { check(x -> x[0].crossEntropy(new int[] {2, 0, 1}), randn(3, 4)); }

    @Test void composite() {
        check(x -> x[0].matmul(x[1]).add(x[2]).relu().matmul(x[3]).logSoftmax(1),
                randn(4, 3), randn(3, 5), randn(5), randn(5, 2));
    }

    @Test void checkerCatchesAWrongGradient() {
        // x.detach() * x has gradient x, not 2x: a checker that passed this would be worthless.
        AssertionError e = assertThrows(AssertionError.class, () -> check(x -> x[0].detach().mul(x[0]), positive(3)));
        assertTrue(e.getMessage().contains("gradient of input 0 (shape [3])"), e.getMessage());
    }
}
