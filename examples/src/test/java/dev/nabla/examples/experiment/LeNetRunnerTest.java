package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.Models;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import dev.nabla.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LeNet runs: their settings, and a LeNet-BN run resumed from a checkpoint ends bit-identical, BatchNorm statistics included. */
class LeNetRunnerTest {
    @TempDir
    static Path tmp;

    static FashionMnist fm;

    @BeforeAll
    static void data() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        fm = FashionMnist.load(dir, TinyFashion.write(dir, 120, 40, true));
    }

    private static RunConfig leNetBn(int epochs) {
        return new RunConfig("bn", "bn", Models.LENET_BN, new int[0], new double[0], 0.5, 0.9, 16, epochs, 0, 3);
    }

    @Test
    void resumingLeNetBnRestoresTheRunningStatistics() throws IOException {
        Runner straight = new Runner(leNetBn(3), fm.train());
        RunResult expected = straight.train(fm.test(), false, RunnerTest.QUIET, (r, m) -> {});
        Path ckpt = tmp.resolve("bn.safetensors");
        Runner first = new Runner(leNetBn(3), fm.train());
        assertThrows(IOException.class, () -> first.train(fm.test(), false, RunnerTest.QUIET, (r, m) -> {
            r.save(ckpt);
            if (m.epoch() == 1) throw new IOException("killed");
        }));
        Map<String, Tensor> saved = SafeTensors.load(ckpt);
        assertArrayEquals(first.net().stateDict().get("1.running_var").toArray(), saved.get("model.1.running_var").toArray(), 0f);
        assertEquals(8f, saved.get("model.13.num_batches_tracked").item());  // 120 images in batches of 16: 8 steps

        Runner resumed = new Runner(leNetBn(3), fm.train());
        resumed.resume(ckpt);
        RunResult actual = resumed.train(fm.test(), false, RunnerTest.QUIET, (r, m) -> {});
        Map<String, Tensor> a = straight.net().stateDict(), b = resumed.net().stateDict();
        a.forEach((k, v) -> assertArrayEquals(v.toArray(), b.get(k).toArray(), 0f, k));
        assertEquals(24f, b.get("1.num_batches_tracked").item());
        assertEquals(RunnerTest.measured(expected.epochs()), RunnerTest.measured(actual.epochs()));
    }

    @Test
    void leNetSettings() {
        RunConfig c = new RunConfig("t", "d2l LeNet", Models.LENET, new int[0], new double[0], 0.9, 0, 256, 10, 0, 0);
        assertEquals("d2l LeNet: lenet model, SGD lr 0.9, batch 256, 10 epochs, all training images, seed 0", c.toString());
        assertEquals(61_706, c.parameterCount());
        // weights and gradients, and per image the input and every layer's output with their gradients
        assertEquals(4 * (2 * 61_706 + 256 * 2 * (784 + Models.leNetActivations(Models.LENET))), c.estimatedBytes());
        assertEquals(44_878, leNetBn(1).parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunConfig("t", "t", Models.LENET,
                new int[] {256}, new double[] {0.5}, 0.9, 0, 256, 10, 0, 0));
        assertEquals("model lenet has the book's fixed layers and no dropout: it takes no hidden widths or dropout probabilities, but got "
                + "hidden [256] and dropout [0.5]", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RunConfig("t", "t", "resnet", new int[0], new double[0], 0.9, 0,
                256, 10, 0, 0)).getMessage().startsWith("model must be concise, scratch, lenet or lenet-bn, but got 'resnet'"));
    }
}
