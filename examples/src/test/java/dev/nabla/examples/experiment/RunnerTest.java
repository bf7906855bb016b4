package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run saved between epochs and resumed ends exactly where the uninterrupted run ends; runs of no step are refused. */
class RunnerTest {
    @TempDir
    static Path tmp;

    static FashionMnist fm;

    static final Runner.Listener QUIET = new Runner.Listener() {
        @Override
        public void batch(RunConfig c, int epoch, int done, int total, double loss, double accuracy) {}

        @Override
        public void epoch(RunConfig c, EpochMetrics m) {}
    };

    @BeforeAll
    static void data() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        fm = FashionMnist.load(dir, TinyFashion.write(dir, 200, 60, true));
    }

    /** Dropout (its generator), momentum (optimizer state) and shuffling (the loader's generator) all matter. */
    private static RunConfig config(int epochs) {
        return new RunConfig("r", "r", "concise", new int[] {32, 16}, new double[] {0.2, 0.5}, 0.1, 0.9, 32, epochs, 0, 5);
    }

    @Test
    void resumingAfterEpochTwoEndsBitIdenticalToAnUninterruptedRun() throws IOException {
        Runner straight = new Runner(config(4), fm.train());
        RunResult expected = straight.train(fm.test(), true, QUIET, (r, m) -> {});

        Path ckpt = tmp.resolve("ckpt.safetensors");
        Runner first = new Runner(config(4), fm.train());
        IOException stop = assertThrows(IOException.class, () -> first.train(fm.test(), true, QUIET, (r, m) -> {
            r.save(ckpt);
            if (m.epoch() == 2) throw new IOException("killed");  // as if the process died after the checkpoint
        }));
        assertEquals("killed", stop.getMessage());

        Runner resumed = new Runner(config(4), fm.train());
        resumed.resume(ckpt);
        assertEquals(2, resumed.result().epochs().size());
        RunResult actual = resumed.train(fm.test(), true, QUIET, (r, m) -> {});
        Map<String, Tensor> a = straight.net().stateDict(), b = resumed.net().stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.toArray(), b.get(k).toArray(), k));
        assertEquals(measured(expected.epochs()), measured(actual.epochs()));
    }

    /** Every number but the timings. */
    static List<List<Double>> measured(List<EpochMetrics> rows) {
        return rows.stream().map(m -> List.of((double) m.epoch(), m.trainLoss(), m.trainAcc(), m.trainEvalLoss(), m.trainEvalAcc(),
                m.testLoss(), m.testAcc())).toList();
    }

    @Test
    void aCheckpointOfAnotherModelChangesNothing() throws IOException {
        Path ckpt = tmp.resolve("other.safetensors");
        Runner other = new Runner(new RunConfig("o", "o", "concise", new int[] {8}, new double[] {0}, 0.1, 0, 32, 1, 0, 5), fm.train());
        other.train(fm.test(), false, QUIET, (r, m) -> r.save(ckpt));
        Runner r = new Runner(config(2), fm.train());
        float[] before = r.net().parameters().get(0).toArray();
        IOException e = assertThrows(IOException.class, () -> r.resume(ckpt));
        assertTrue(e.getMessage().startsWith("checkpoint " + ckpt + " does not fit"), e.getMessage());
        assertArrayEquals(before, r.net().parameters().get(0).toArray());
        assertEquals(0, r.result().epochs().size());
    }

    @Test
    void aDivergedRunKeepsTheEpochsItFinished() {
        RunConfig c = new RunConfig("hot", "hot", "concise", new int[] {256, 256}, new double[] {0, 0}, 1000, 0, 20, 10, 20, 0);
        Runner r = new Runner(c, fm.train());
        DivergedException e = assertThrows(DivergedException.class, () -> r.train(fm.test(), false, QUIET, (x, m) -> {}));
        assertTrue(e.epoch() >= 2, "this setting diverges after a few one-step epochs: " + e.getMessage());
        assertEquals(e.epoch() - 1, r.result().epochs().size());
        for (EpochMetrics m : r.result().epochs()) assertTrue(Double.isFinite(m.trainLoss()) && Double.isFinite(m.testLoss()), m.toString());
        assertTrue(e.getMessage().startsWith("run 'hot' diverged at epoch " + e.epoch() + ", "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Likely cause: steps too large for this model; lower the learning rate (now 1000)."), e.getMessage());
    }

    @Test
    void runsOfNoStepAreRefusedBeforeTraining() {
        assertEquals("batch size 300 with drop-last leaves no full batch of 100 training images, so no step would run: use a batch size of "
                + "at most 100, or keep the last batch", assertThrows(IllegalArgumentException.class,
                        () -> new RunConfig("a", "a", "concise", new int[] {8}, new double[] {0}, 0.1, 0, 300, 1, 100, 0, true)).getMessage());
        RunConfig all = new RunConfig("a", "a", "concise", new int[] {8}, new double[] {0}, 0.1, 0, 300, 1, 0, 0, true);
        assertEquals("batch size 300 with drop-last leaves no full batch of 200 training images, so no step would run: use a batch size of "
                + "at most 200, or keep the last batch", assertThrows(IllegalArgumentException.class, () -> new Runner(all, fm.train())).getMessage());
        RunConfig huge = new RunConfig("a", "a", "concise", new int[] {8}, new double[] {0}, 0.1, 0, Integer.MAX_VALUE, 1, 0, 0);
        assertEquals(1, huge.stepsPerEpoch(200), "without drop-last a huge batch is one batch, as in PyTorch");
    }

    @Test
    void modelsTooLargeForTheHeapAreRefusedWithTheSizeAndTheFix() {
        RunConfig big = new RunConfig("a", "a", "concise", new int[] {40000, 40000}, new double[] {0, 0}, 0.1, 0, 256, 1, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.checkFits(4L << 30));
        assertEquals("this model needs about 12.8 GB to train (1,631,840,010 parameters, batch 256), but the Java heap is limited to 4.0 GB: "
                + "use smaller hidden widths or batches, or give Java more memory, e.g. NABLA_JAVA_OPTS=-Xmx14g ./nabla ...", e.getMessage());
        RunConfig impossible = new RunConfig("a", "a", "concise", new int[] {100_000, 100_000}, new double[] {0, 0}, 0.1, 0, 256, 1, 0, 0);
        assertEquals("a 100000 x 100000 layer has 10,000,000,000 weights, more than a tensor can hold (2,147,483,647): use smaller hidden widths",
                assertThrows(IllegalArgumentException.class, () -> impossible.checkFits(Long.MAX_VALUE)).getMessage());
        RunConfig.book(0).checkFits(256L << 20);  // the book's model fits in 256 MB
    }
}
