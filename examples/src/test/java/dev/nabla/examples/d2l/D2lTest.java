package dev.nabla.examples.d2l;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Metrics;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.nn.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** d2l's train_ch3 on small generated data: it learns, plots, prints one line per epoch, and measures as Metrics does. */
class D2lTest {
    @TempDir
    static Path data;

    @TempDir
    Path tmp;

    static FashionMnist fm;

    @BeforeAll
    static void tinyData() throws IOException {
        fm = FashionMnist.load(data, TinyFashion.write(data, 300, 100, true));
    }

    private static Sequential net(long seed) {
        return Models.concise(new int[] {32}, new double[] {0.2}, new Rng(seed));
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Animator animator(Path png) {
        return new Animator("epoch", List.of("train loss", "train acc", "test acc"), new double[] {1, 3}, new double[] {0.3, 0.9}, png,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainCh3LearnsPlotsAndPrintsEveryEpoch() throws IOException {
        Sequential net = net(0);
        DataLoader train = new DataLoader(fm.train(), 32, true, 1), test = new DataLoader(fm.test(), 32);
        Path png = tmp.resolve("curves.png");
        List<EpochMetrics> h = D2l.trainCh3(net, train, test, new CrossEntropyLoss(Reduction.NONE), 3, new SGD(net.parameters(), 0.5),
                animator(png));

        assertEquals(List.of(1, 2, 3), h.stream().map(EpochMetrics::epoch).toList());
        assertTrue(h.get(2).testAcc() > 0.9, "the bars are easy to learn: " + h);
        assertTrue(h.get(2).trainLoss() < h.get(0).trainLoss(), h.toString());
        assertEquals(Metrics.accuracy(net, test), h.get(2).testAcc(), "the test accuracy is evaluate_accuracy's");
        assertTrue(net.isTraining(), "the model is left in training mode, as the loop found it");

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("No display: the plot is drawn into " + png + " after every epoch.", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        for (int e = 1; e <= 3; e++) {
            EpochMetrics m = h.get(e - 1);
            assertEquals(String.format(java.util.Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, test acc %.4f", e, m.trainLoss(),
                    m.trainAcc(), m.testAcc()), lines.get(e));
        }
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(png), s.toList(), "the PNG was replaced atomically: no temporary file is left");
        }
    }

    @Test
    void theReductionOfTheLossOnlyChangesTheStepNotTheNumbers() {
        // lr 0: nothing moves, so every reduction must report the same mean loss per example
        double[] losses = new double[3];
        Reduction[] rs = {Reduction.NONE, Reduction.MEAN, Reduction.SUM};
        for (int i = 0; i < 3; i++) {
            Sequential net = net(4);
            losses[i] = D2l.trainCh3(net, new DataLoader(fm.train(), 64), new DataLoader(fm.test(), 64), new CrossEntropyLoss(rs[i]), 1,
                    new SGD(net.parameters(), 0), animator(tmp.resolve("r" + i + ".png"))).get(0).trainLoss();
        }
        assertEquals(losses[0], losses[1], 1e-6 * losses[0]);
        assertEquals(losses[0], losses[2], 1e-6 * losses[0]);

        // mean and none take the very same step (d2l's l.mean().backward())
        float[][] weights = new float[2][];
        for (int i = 0; i < 2; i++) {
            Sequential net = net(5);
            D2l.trainCh3(net, new DataLoader(fm.train(), 64, true, 3), new DataLoader(fm.test(), 64), new CrossEntropyLoss(rs[i]), 1,
                    new SGD(net.parameters(), 0.3), animator(tmp.resolve("w" + i + ".png")));
            weights[i] = net.parameters().get(0).toArray();
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    @Test
    void aDivergingRunNamesTheLearningRateAndBadArgumentsAreRefused() {
        Sequential net = net(2);
        DataLoader train = new DataLoader(fm.train(), 32, true, 1), test = new DataLoader(fm.test(), 32);
        DivergedException e = assertThrows(DivergedException.class, () -> D2l.trainCh3(net, train, test, new CrossEntropyLoss(Reduction.NONE),
                5, new SGD(net.parameters(), 1e30), animator(tmp.resolve("x.png"))));
        assertTrue(e.getMessage().startsWith("run 'train_ch3' diverged at epoch 1, batch "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Likely cause: steps too large for this model; lower the learning rate (now 1e30)."), e.getMessage());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> D2l.trainCh3(net, train, test,
                new CrossEntropyLoss(), 0, new SGD(net.parameters(), 0.1)));
        assertEquals("trainCh3: the number of epochs must be positive, but got 0", bad.getMessage());
    }

    @Test
    void theAnimatorAddsPointsAsD2lDoes() throws IOException {
        Path png = tmp.resolve("a.png");
        Animator a = new Animator("step", List.of("loss", "acc"), null, null, png, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(png, a.png(), "surefire runs headless: a PNG, not a window");
        a.add(0.5, 2.0, Double.NaN);   // d2l's None: no point for acc
        a.add(1, 1.5, 0.25);
        assertEquals(List.of("No display: the plot is drawn into " + png + " after every step.", "step 0.50: loss 2.0000",
                "step 1: loss 1.5000, acc 0.2500"), printed.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(2, a.chart().getSeriesMap().get("loss").getXData().length);
        assertEquals(1, a.chart().getSeriesMap().get("acc").getXData().length);
        assertNotNull(javax.imageio.ImageIO.read(png.toFile()), "a readable PNG");

        assertEquals("Animator.add: 3 values for the 2 lines [loss, acc]",
                assertThrows(IllegalArgumentException.class, () -> a.add(2, 1, 2, 3)).getMessage());
        assertEquals("Animator: ylim must be {min, max} with min < max, but got [0.9, 0.3]", assertThrows(IllegalArgumentException.class,
                () -> new Animator("epoch", List.of("loss"), null, new double[] {0.9, 0.3}, png, null)).getMessage());
    }

    /** With Debian's dataset-fashion-mnist: the book's loaders, shuffled for training and in order for testing. */
    @Test
    void loadDataFashionMnistGivesTheBooksLoaders() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed");
        Loaders d = D2l.loadDataFashionMnist(256);
        assertEquals(60_000, d.train().dataset().size());
        assertEquals(10_000, d.test().dataset().size());
        assertEquals(256, d.train().batchSize());
        assertSame(Rng.defaultGenerator(), d.train().generator(), "shuffled by the default generator, as PyTorch's DataLoader");
        assertNull(d.test().generator(), "the test set in order");
        assertEquals(40, d.test().numBatches());
        Tensor x = d.test().iterator().next().features();
        assertArrayEquals(new int[] {256, 1, 28, 28}, x.shape());
    }
}
