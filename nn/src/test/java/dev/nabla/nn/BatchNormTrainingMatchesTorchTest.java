package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.SGD;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small LeNet-BN (Conv2d, BatchNorm2d, Sigmoid, AvgPool2d, Flatten, Linear, BatchNorm1d, Sigmoid,
 * Linear) trained step by step as d2l 8.5 trains it (SGD lr 1.0, cross-entropy mean), with a short
 * last batch and an epoch boundary: every loss, weight, running statistic and batch count must be
 * PyTorch 1.13's, then the eval forward. The numbers come from this Python (torch 1.13, numpy 1.24):
 * <pre>
 * f = np.float32
 * net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Sigmoid(), nn.AvgPool2d(2, 2), nn.Flatten(),
 *                     nn.Linear(8, 4), nn.BatchNorm1d(4), nn.Sigmoid(), nn.Linear(4, 3))
 * with torch.no_grad():
 *     for t, (name, p) in enumerate(net.named_parameters()):
 *         if name in ('1.weight', '1.bias', '6.weight', '6.bias'): continue  # BatchNorm keeps ones and zeros
 *         k = np.arange(p.numel())
 *         p.copy_(torch.from_numpy(((k * 37 + t * 11) % 23 - 11).astype(f) / f(22)).reshape(p.shape))
 * n = np.arange(16).reshape(16, 1, 1, 1); i = np.arange(6).reshape(1, 1, 6, 1); j = np.arange(6).reshape(1, 1, 1, 6)
 * x = torch.from_numpy(((n * 7 + i * 3 + j * 5 + n * i) % 13).astype(f) / f(13) - f(0.5)); y = torch.arange(16) % 3
 * opt = torch.optim.SGD(net.parameters(), lr=1.0); loss = nn.CrossEntropyLoss(); net.train()
 * for b in ORDER: l = loss(net(x[b]), y[b]); opt.zero_grad(); l.backward(); opt.step(); print(repr(l.item()))
 * print(net.state_dict()); net.eval(); print(net(x[:2]))
 * </pre>
 * The largest difference measured is 2.4e-7 (a few float roundings: Nabla sums in another order);
 * TOLERANCE leaves eight times that, while the mistakes tried in BatchNormOp move the running
 * statistics far more: the biased variance in running_var by 3e-4 to 5e-4, momentum weighting the
 * old value 0.1 and the batch 0.9 by 0.26 or more.
 */
class BatchNormTrainingMatchesTorchTest {
    private static final float TOLERANCE = 2e-6f;
    /** The examples of each step: 16 = 6 + 6 + 4 (a short last batch), then the first batch of a second epoch. */
    private static final int[][] ORDER = {{3, 14, 0, 9, 6, 11}, {1, 15, 8, 4, 12, 7}, {2, 13, 5, 10}, {10, 4, 15, 0, 7, 2}};
    private static final float[] LOSSES = {1.2656974792480469f, 1.3547672033309937f, 1.1479531526565552f, 1.1094518899917603f};
    private static final Map<String, float[]> AFTER = Map.ofEntries(
            Map.entry("0.weight", new float[] {-0.5098556f, 0.40392166f, -0.3096644f, 0.25471392f, 0.062155716f, -0.38956666f, 0.0591435f,
                -0.18349318f, 0.51899564f, -0.15058318f, -0.76059484f, 0.29247537f, -0.023138696f, 0.3474744f, -0.08732703f, -0.107372925f,
                0.124901526f, -0.21818534f}),
            Map.entry("0.bias", new float[] {-9.778887e-09f, -0.4090909f}),
            Map.entry("1.weight", new float[] {0.98579603f, 1.0229416f}),
            Map.entry("1.bias", new float[] {-0.0383358f, 0.029644724f}),
            Map.entry("1.running_mean", new float[] {0.008074663f, -0.13888973f}),
            Map.entry("1.running_var", new float[] {0.6991128f, 0.68678945f}),
            Map.entry("1.num_batches_tracked", new float[] {4.0f}),
            Map.entry("5.weight", new float[] {0.4724574f, 0.12312491f, -0.39254156f, 0.28099042f, -0.19290322f, 0.46757853f, 0.155849f,
                -0.24302222f, 0.27769727f, -0.09901373f, -0.48347157f, 0.024649054f, -0.270797f, 0.40361255f, -0.07092534f, -0.50548834f,
                -0.04540729f, -0.23636626f, 0.4884659f, -0.0395173f, -0.18030208f, 0.09264688f, -0.34633705f, 0.58516765f, 0.03040779f,
                -0.26075423f, 0.2928155f, -0.13630083f, 0.50980365f, 0.0010906011f, -0.32663953f, 0.42040217f}),
            Map.entry("5.bias", new float[] {-0.09090913f, -0.50000006f, 0.1363638f, -0.27272725f}),
            Map.entry("6.weight", new float[] {0.97201717f, 1.0530895f, 1.0061111f, 0.95218647f}),
            Map.entry("6.bias", new float[] {-0.050069757f, -0.021394288f, -0.038158026f, -0.033483196f}),
            Map.entry("6.running_mean", new float[] {0.0739944f, -0.2635247f, 0.12101482f, -0.022992687f}),
            Map.entry("6.running_var", new float[] {0.65784466f, 0.6574782f, 0.65688604f, 0.6571125f}),
            Map.entry("6.num_batches_tracked", new float[] {4.0f}),
            Map.entry("8.weight", new float[] {0.47491592f, 0.052066907f, -0.44447166f, 0.038428508f, -0.11685373f, 0.5560343f, 0.019352142f,
                -0.3201572f, 0.005574174f, -0.42628306f, 0.42511952f, 0.09991048f}),
            Map.entry("8.bias", new float[] {-0.12639506f, 0.5476179f, -0.10304099f}));
    /** The eval-mode logits of examples 0 and 1 after the four steps. */
    private static final float[] EVAL = {-0.06421039f, 0.52686286f, 0.03093721f, -0.08420697f, 0.5175302f, 0.04739514f};

    private static Sequential net() {
        Sequential net = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2), new Sigmoid(), new AvgPool2d(2, 2), new Flatten(),
                new Linear(8, 4), new BatchNorm1d(4), new Sigmoid(), new Linear(4, 3));
        String[] names = {"0.weight", "0.bias", "1.weight", "1.bias", "5.weight", "5.bias", "6.weight", "6.bias", "8.weight", "8.bias"};
        Map<String, Tensor> params = net.namedParameters();
        assertEquals(names.length, params.size());
        try (NoGrad g = Tensor.noGrad()) {
            for (int t = 0; t < names.length; t++) {
                if (names[t].startsWith("1.") || names[t].startsWith("6.")) continue;  // BatchNorm keeps ones and zeros
                Tensor p = params.get(names[t]);
                float[] v = new float[(int) p.numel()];
                for (int k = 0; k < v.length; k++) v[k] = ((k * 37 + t * 11) % 23 - 11) / 22f;
                p.copy_(Tensor.of(v, p.shape()));
            }
        }
        return net;
    }

    /** Examples {@code rows} of the 16 images [1, 6, 6]: ((n·7 + i·3 + j·5 + n·i) mod 13) / 13 - 0.5. */
    private static Tensor images(int... rows) {
        float[] x = new float[rows.length * 36];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) x[r * 36 + i * 6 + j] = ((rows[r] * 7 + i * 3 + j * 5 + rows[r] * i) % 13) / 13f - 0.5f;
            }
        }
        return Tensor.of(x, rows.length, 1, 6, 6);
    }

    @Test
    void fourSgdStepsThroughAShortBatchAndAnEpochBoundaryMatchPyTorch() {
        Sequential net = net();
        SGD sgd = new SGD(net.parameters(), 1.0);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        net.train();
        for (int s = 0; s < ORDER.length; s++) {
            int[] labels = new int[ORDER[s].length];
            for (int b = 0; b < labels.length; b++) labels[b] = ORDER[s][b] % 3;
            Tensor l = loss.forward(net.forward(images(ORDER[s])), labels);
            sgd.zeroGrad();
            l.backward();
            sgd.step();
            assertEquals(LOSSES[s], l.item(), TOLERANCE, "loss of step " + (s + 1));
        }
        Map<String, Tensor> state = net.stateDict();
        assertEquals(AFTER.keySet(), state.keySet());
        AFTER.forEach((name, expected) -> assertArrayEquals(expected, state.get(name).toArray(), TOLERANCE, name + " after 4 steps"));

        net.eval();
        Map<String, float[]> before = Map.of("1.running_mean", state.get("1.running_mean").toArray(), "6.running_var",
                state.get("6.running_var").toArray());
        assertArrayEquals(EVAL, net.forward(images(0, 1)).toArray(), TOLERANCE, "eval-mode logits");
        before.forEach((name, v) -> assertArrayEquals(v, net.stateDict().get(name).toArray(), name + " after an eval forward"));
        assertEquals(4, ((BatchNorm) net.children().get(1)).numBatchesTracked());
    }
}
