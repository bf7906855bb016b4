package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.GradCheck;
import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.io.SafeTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BatchNorm1d and BatchNorm2d against hand-computed statistics and PyTorch 1.13's numbers. */
class BatchNormTest {

    private static Tensor t(float[][] rows) {
        return Tensor.of(rows);
    }

    @Test
    void runningStatisticsOverThreeTrainingCalls() {
        BatchNorm1d bn = new BatchNorm1d(2);
        // call 1: mean [3, 6]; biased var [8/3, 32/3] normalises; unbiased [4, 16] moves the running var
        Tensor y = bn.forward(t(new float[][] {{1, 2}, {3, 6}, {5, 10}}));
        assertArrayEquals(new float[] {0.3f, 0.6f}, bn.runningMean().toArray(), 1e-7f);          // 0.9·0 + 0.1·[3, 6]
        assertArrayEquals(new float[] {1.3f, 2.5f}, bn.runningVar().toArray(), 1e-7f);           // 0.9·1 + 0.1·[4, 16]
        float a = (float) (2 / Math.sqrt(8.0 / 3 + 1e-5)), b = (float) (4 / Math.sqrt(32.0 / 3 + 1e-5));
        assertArrayEquals(new float[] {-a, -b, 0, 0, a, b}, y.toArray(), 1e-6f);  // torch: ±1.2247426, ±1.2247443
        // call 2: mean [1, 0], unbiased var [2, 2]
        bn.forward(t(new float[][] {{0, -1}, {2, 1}}));
        assertArrayEquals(new float[] {0.37f, 0.54f}, bn.runningMean().toArray(), 1e-7f);
        assertArrayEquals(new float[] {1.37f, 2.45f}, bn.runningVar().toArray(), 1e-6f);
        // call 3: mean [4, 4], unbiased var [0, 32/3]
        bn.forward(t(new float[][] {{4, 4}, {4, 8}, {4, 0}, {4, 4}}));
        assertArrayEquals(new float[] {0.733f, 0.886f}, bn.runningMean().toArray(), 1e-6f);         // torch: 0.73300004, 0.88600004
        assertArrayEquals(new float[] {1.233f, (float) (0.9 * 2.45 + 0.1 * 32 / 3)}, bn.runningVar().toArray(), 1e-6f);  // 1.2329999, 3.2716665
        assertEquals(3, bn.numBatchesTracked());
        // eval: (x - running_mean) / √(running_var + eps); torch: [[0.24045169, 0.06302598]]
        bn.eval();
        assertArrayEquals(new float[] {0.24045169f, 0.06302598f}, bn.forward(t(new float[][] {{1, 1}})).toArray(), 1e-6f);
    }

    @Test
    void batchNorm2dStatisticsPerChannelOverBatchAndPixels() {
        BatchNorm2d bn = new BatchNorm2d(3);
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) v[i] = (float) (Math.pow(i, 1.5) / 10);
        Tensor y = bn.forward(Tensor.of(v, 2, 3, 2, 2));
        // torch.arange(24.).reshape(2, 3, 2, 2) ** 1.5 / 10 through a fresh BatchNorm2d(3)
        assertArrayEquals(new float[] {0.259929895f, 0.432096213f, 0.646128953f}, bn.runningMean().toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.567845106f, 1.973061562f, 2.364198923f}, bn.runningVar().toArray(), 2e-6f);
        assertArrayEquals(new float[] {-1.075261116f, -1.033893704f, -0.958256602f, -0.860310078f},
                y.narrow(0, 0, 1).narrow(1, 0, 1).toArray(), 1e-5f);
        // in training, every channel comes out with mean 0 and (biased) variance 1
        float[] mean = y.mean(new int[] {0, 2, 3}, false).toArray(), var = y.var(new int[] {0, 2, 3}, false, false).toArray();
        for (int c = 0; c < 3; c++) {
            assertEquals(0, mean[c], 1e-6);
            assertEquals(1, var[c], 1e-4);
        }
    }

    @Test
    void evalUsesRunningStatisticsAndChangesNothing() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Rng rng = new Rng(3);
        for (int i = 0; i < 3; i++) bn.forward(Tensor.randn(rng, 4, 2, 3, 3).mul(2f).add(1f));
        bn.eval();
        float[] mean = bn.runningMean().toArray(), var = bn.runningVar().toArray();
        Tensor batch = Tensor.randn(rng, 5, 2, 3, 3);
        Tensor all = bn.forward(batch), first = bn.forward(batch.narrow(0, 0, 1));
        assertArrayEquals(mean, bn.runningMean().toArray(), 0f);
        assertArrayEquals(var, bn.runningVar().toArray(), 0f);
        assertEquals(3, bn.numBatchesTracked());
        // one example's output no longer depends on the rest of its batch
        assertArrayEquals(all.narrow(0, 0, 1).toArray(), first.toArray(), 0f);
        bn.train();  // in training it does: the same image, normalised with another batch's statistics
        float[] inBatch = bn.forward(batch).narrow(0, 0, 1).toArray(), inOther = bn.forward(Tensor.cat(0, batch.narrow(0, 0, 1),
                Tensor.randn(rng, 3, 2, 3, 3).mul(3f))).narrow(0, 0, 1).toArray();
        assertEquals(false, java.util.Arrays.equals(inBatch, inOther));
    }

    @Test
    void gradientsFlowThroughTheBatchStatistics() {
        Rng rng = new Rng(5);
        // 2-d: batch 1 with pixels, channels 1 and 3, non-square; eval too
        for (int[] shape : List.of(new int[] {1, 3, 2, 3}, new int[] {3, 1, 3, 2}, new int[] {2, 3, 4, 5})) {
            BatchNorm2d bn = new BatchNorm2d(shape[1]);
            GradCheck.check(x -> bn.forward(x[0]), Tensor.randn(rng, shape));
        }
        BatchNorm1d bn1 = new BatchNorm1d(3);
        GradCheck.check(x -> bn1.forward(x[0]), Tensor.randn(rng, 4, 3));
        GradCheck.check(x -> bn1.forward(x[0]), Tensor.randn(rng, 2, 3, 4));
        bn1.eval();
        GradCheck.check(x -> bn1.forward(x[0]), Tensor.randn(rng, 4, 3));
        // and to weight and bias, through the op the layer calls: dweight = Σ dy·x̂, dbias = Σ dy
        Tensor x = t(new float[][] {{1, 2}, {3, 6}, {5, 10}});
        GradCheck.check(p -> p[0].batchNorm(null, null, p[1], p[2], true, 0.1, 1e-5).mul(p[0]), x, Tensor.of(new float[] {2, -1}, 2),
                Tensor.of(new float[] {0.5f, 0}, 2));
        // Σ y per channel is N·bias whatever x is: dx = 0, dweight = Σ x̂ = 0, dbias = N
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor xg = x.requiresGrad(true);
        bn.forward(xg).sum().backward();
        assertArrayEquals(new float[6], xg.grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 0}, bn.weight().grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {3, 3}, bn.bias().grad().toArray(), 0f);
    }

    @Test
    void stateDictHasPyTorchsNamesAndRoundTripsThroughSafeTensors(@TempDir Path dir) throws Exception {
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 0, true, new Rng(1)), new BatchNorm2d(2), new Flatten(), new BatchNorm1d(8));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "3.weight", "3.bias", "3.running_mean", "3.running_var", "3.num_batches_tracked"), List.copyOf(net.stateDict().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias"), List.copyOf(net.namedParameters().keySet()));
        assertArrayEquals(new int[0], net.stateDict().get("1.num_batches_tracked").shape());  // 0-d, as torch's
        Rng rng = new Rng(2);
        for (int i = 0; i < 3; i++) net.forward(Tensor.randn(rng, 4, 1, 4, 4));
        Path file = dir.resolve("bn.safetensors");
        SafeTensors.save(file, net.stateDict());
        Sequential copy = new Sequential(new Conv2d(1, 2, 3, 1, 0, true, new Rng(9)), new BatchNorm2d(2), new Flatten(), new BatchNorm1d(8));
        copy.loadStateDict(SafeTensors.load(file));
        for (Map.Entry<String, Tensor> e : net.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), copy.stateDict().get(e.getKey()).toArray(), 0f, e.getKey());
        }
        assertEquals(3, ((BatchNorm) copy.get(1)).numBatchesTracked());
        net.eval();
        copy.eval();
        Tensor x = Tensor.randn(rng, 2, 1, 4, 4);
        assertArrayEquals(net.forward(x).toArray(), copy.forward(x).toArray(), 0f);
    }

    @Test
    void errorsNameTheLayerAndTheShapes() {
        assertEquals("Expected more than 1 value per channel when training, got input size [1, 4]",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(4).forward(Tensor.zeros(1, 4))).getMessage());
        assertEquals("Expected more than 1 value per channel when training, got input size [1, 4, 1, 1]",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(4).forward(Tensor.zeros(1, 4, 1, 1))).getMessage());
        assertEquals("BatchNorm2d(6) got input with 16 channels: [256, 16, 10, 10]; it normalises 6 (running_mean [6])",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(6).forward(Tensor.zeros(256, 16, 10, 10))).getMessage());
        assertEquals("BatchNorm1d(120) got a 4-d input [256, 16, 4, 4]; it expects 2-d [N, C] or 3-d [N, C, L] (after convolutions: "
                + "nn.Flatten() first, or BatchNorm2d)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(120).forward(Tensor.zeros(256, 16, 4, 4))).getMessage());
        assertEquals("BatchNorm2d(6) got a 2-d input [256, 6]; it expects 4-d [N, C, H, W] (BatchNorm1d normalises [N, C])",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(6).forward(Tensor.zeros(256, 6))).getMessage());
        assertEquals("BatchNorm1d: num_features must be positive, but got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0)).getMessage());
        assertEquals("BatchNorm2d: momentum has to be between 0 and 1, but got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3, 1e-5, 1.5)).getMessage());
        assertEquals("BatchNorm2d: eps must be positive and finite, but got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3, 0, 0.1)).getMessage());
        BatchNorm1d one = new BatchNorm1d(4);  // the failed call counted nothing; eval mode takes a batch of one
        assertThrows(IllegalArgumentException.class, () -> one.forward(Tensor.zeros(1, 4)));
        assertEquals(0, one.numBatchesTracked());
        one.eval();
        assertArrayEquals(new float[4], one.forward(Tensor.zeros(1, 4)).toArray(), 0f);
    }

    @Test
    void theFunctionalFormChecksItsArguments() {
        Tensor x = Tensor.zeros(4, 3, 2, 2), three = Tensor.ones(3);
        assertEquals("batchNorm: weight must have shape [3], one value per channel of input [4, 3, 2, 2], but got [4]",
                assertThrows(IllegalArgumentException.class, () -> x.batchNorm(three, three, Tensor.ones(4), null, true, 0.1, 1e-5)).getMessage());
        assertEquals("batchNorm: eval mode normalises with the running statistics, but runningMean and runningVar are null",
                assertThrows(IllegalArgumentException.class, () -> x.batchNorm(null, null, null, null, false, 0.1, 1e-5)).getMessage());
        assertEquals("batchNorm: expects an input [N, C, ...] of at least 2 dimensions, but got shape [3]",
                assertThrows(IllegalArgumentException.class, () -> three.batchNorm(null, null, null, null, true, 0.1, 1e-5)).getMessage());
        // an empty batch: an empty output, and the running statistics stay as they were (as PyTorch)
        Tensor mean = Tensor.zeros(3), var = Tensor.ones(3);
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 3).batchNorm(mean, var, null, null, true, 0.1, 1e-5).shape());
        assertArrayEquals(new float[] {1, 1, 1}, var.toArray(), 0f);
    }

    @Test
    void printsLikePyTorchAndResets() {
        assertEquals("BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm2d(6).toString());
        assertEquals("BatchNorm1d(120, eps=0.001, momentum=0.2, affine=True, track_running_stats=True)",
                new BatchNorm1d(120, 1e-3, 0.2).toString());
        BatchNorm1d bn = new BatchNorm1d(2);
        bn.forward(t(new float[][] {{1, 2}, {3, 6}}));
        bn.resetRunningStats();
        assertArrayEquals(new float[] {0, 0}, bn.runningMean().toArray(), 0f);
        assertArrayEquals(new float[] {1, 1}, bn.runningVar().toArray(), 0f);
        assertEquals(0, bn.numBatchesTracked());
    }
}
