package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint continues training bit for bit, or changes nothing. */
class CheckpointTest {
    @TempDir
    Path dir;

    private final Tensor x = Tensor.randn(new Rng(1), 8, 4);
    private final int[] y = {0, 1, 2, 0, 1, 2, 0, 1};

    private static Sequential model(Rng rng) {
        return new Sequential(new Linear(4, 16, true, new Rng(7)), new ReLU(), new Dropout(0.5, rng), new Linear(16, 3, true, new Rng(8)));
    }

    private void train(Sequential net, SGD opt, int steps) {
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            new CrossEntropyLoss().forward(net.forward(x), y).backward();
            opt.step();
        }
    }

    @Test
    void resumeContinuesExactlyWhereTrainingStopped() throws IOException {
        Rng rngA = new Rng(3);
        Sequential a = model(rngA);
        SGD optA = new SGD(a.parameters(), 0.1, 0.9, 1e-4);
        train(a, optA, 3);
        Path ckpt = dir.resolve("ckpt.safetensors");
        Checkpoint.save(ckpt, a, optA, 3, rngA);
        train(a, optA, 4);

        Rng rngB = new Rng(99);
        Sequential b = model(rngB);
        SGD optB = new SGD(b.parameters(), 0.5, 0.9, 1e-4);  // lr differs: the checkpoint restores 0.1
        assertEquals(3, Checkpoint.resume(ckpt, b, optB, rngB));
        assertEquals(0.1, optB.paramGroups().get(0).lr());
        train(b, optB, 4);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).toArray(), b.parameters().get(i).toArray(), "parameter " + i);
        }
    }

    @Test
    void aCheckpointThatDoesNotFitChangesNothing() throws IOException {
        Rng rng = new Rng(3);
        Sequential a = model(rng);
        SGD optA = new SGD(a.parameters(), 0.1, 0.9, 0);
        train(a, optA, 1);
        Path ckpt = dir.resolve("a.safetensors");
        Checkpoint.save(ckpt, a, optA, 1, rng);

        Sequential other = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
        SGD optO = new SGD(other.parameters(), 0.3, 0.9, 0);
        float[] before = other.parameters().get(0).toArray();
        long[] rngBefore = rng.getState();
        IOException e = assertThrows(IOException.class, () -> Checkpoint.resume(ckpt, other, optO, rng));
        assertTrue(e.getMessage().startsWith("checkpoint " + ckpt + " does not fit: "), e.getMessage());
        assertTrue(e.getMessage().contains("Unexpected key(s) in state_dict: \"3.weight\", \"3.bias\""), e.getMessage());
        assertArrayEquals(before, other.parameters().get(0).toArray());
        assertEquals(0.3, optO.paramGroups().get(0).lr());
        assertArrayEquals(rngBefore, rng.getState());
    }

    @Test
    void truncatedOrForeignFilesAreRejected() throws IOException {
        Rng rng = new Rng(3);
        Sequential a = model(rng);
        SGD opt = new SGD(a.parameters(), 0.1);
        Path ckpt = dir.resolve("c.safetensors");
        Checkpoint.save(ckpt, a, opt, 0, rng);
        byte[] bytes = Files.readAllBytes(ckpt);
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(assertThrows(IOException.class, () -> Checkpoint.resume(cut, a, opt, rng)).getMessage().endsWith("(truncated)"));
        Path weights = dir.resolve("weights.safetensors");
        SafeTensors.save(weights, a.stateDict());
        assertEquals("checkpoint " + weights + " is not a Nabla checkpoint (format null, expected nabla-checkpoint-2)",
                assertThrows(IOException.class, () -> Checkpoint.resume(weights, a, opt, rng)).getMessage());
        assertEquals(List.copyOf(a.stateDict().keySet()), List.copyOf(SafeTensors.load(weights).keySet()));
    }
}
