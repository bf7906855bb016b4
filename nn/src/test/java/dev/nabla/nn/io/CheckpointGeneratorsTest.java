package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.TensorDataset;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several named generators and the caller's metadata round-trip, so shuffled dropout training resumes bit for bit. */
class CheckpointGeneratorsTest {
    @TempDir
    Path dir;

    private final TensorDataset data = new TensorDataset(Tensor.randn(new Rng(1), 24, 4), new int[] {
        0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});

    /** Everything random in a training run: dropout masks and the shuffle. */
    private record Run(Sequential net, SGD opt, Rng dropout, DataLoader loader) {
        static Run fresh(long dropoutSeed, long shuffleSeed, TensorDataset data) {
            Rng dropout = new Rng(dropoutSeed);
            Sequential net = new Sequential(new Linear(4, 16, true, new Rng(7)), new ReLU(), new Dropout(0.5, dropout),
                    new Linear(16, 3, true, new Rng(8)));
            return new Run(net, new SGD(net.parameters(), 0.1, 0.9, 0), dropout, new DataLoader(data, 5, new Rng(shuffleSeed), false));
        }

        void epochs(int n) {
            for (int e = 0; e < n; e++) {
                for (Batch b : loader) {
                    opt.zeroGrad();
                    new CrossEntropyLoss().forward(net.forward(b.features()), b.labels()).backward();
                    opt.step();
                }
            }
        }

        Map<String, Rng> generators() {
            return Map.of("dropout", dropout, "shuffle", loader.generator());
        }
    }

    @Test
    void shuffledDropoutTrainingResumesBitForBit() throws IOException {
        Run a = Run.fresh(3, 4, data);
        a.epochs(2);
        Path ckpt = dir.resolve("ckpt.safetensors");
        Checkpoint.save(ckpt, a.net(), a.opt(), 2, a.generators(), Map.of("metrics", "1,0.5\n2,0.25", "run", "demo"));
        a.epochs(3);

        Run b = Run.fresh(98, 99, data);  // other seeds: everything must come from the checkpoint
        Checkpoint.Resumed r = Checkpoint.resumeAll(ckpt, b.net(), b.opt(), b.generators());
        assertEquals(2, r.epoch());
        assertEquals(Map.of("metrics", "1,0.5\n2,0.25", "run", "demo"), r.metadata());
        b.epochs(3);
        for (int i = 0; i < a.net().parameters().size(); i++) {
            assertArrayEquals(a.net().parameters().get(i).toArray(), b.net().parameters().get(i).toArray(), "parameter " + i);
        }
        assertArrayEquals(a.dropout().getState(), b.dropout().getState());
        assertArrayEquals(a.loader().generator().getState(), b.loader().generator().getState());
    }

    @Test
    void aMissingGeneratorChangesNothing() throws IOException {
        Run a = Run.fresh(3, 4, data);
        a.epochs(1);
        Path ckpt = dir.resolve("ckpt.safetensors");
        Checkpoint.save(ckpt, a.net(), a.opt(), 1, Map.of("dropout", a.dropout()), Map.of());

        Run b = Run.fresh(98, 99, data);
        float[] before = b.net().parameters().get(0).toArray();
        long[] dropoutBefore = b.dropout().getState();
        IOException e = assertThrows(IOException.class, () -> Checkpoint.resumeAll(ckpt, b.net(), b.opt(), b.generators()));
        assertEquals("checkpoint " + ckpt + " has no generator 'shuffle' (it has: dropout)", e.getMessage());
        assertArrayEquals(before, b.net().parameters().get(0).toArray());
        assertArrayEquals(dropoutBefore, b.dropout().getState());
    }

    @Test
    void namesAreChecked() {
        Run a = Run.fresh(3, 4, data);
        Path ckpt = dir.resolve("ckpt.safetensors");
        assertEquals("Checkpoint: a generator must be letters, digits, '.', '_' or '-', but got 'my rng'",
                assertThrows(IllegalArgumentException.class,
                        () -> Checkpoint.save(ckpt, a.net(), a.opt(), 0, Map.of("my rng", a.dropout()), Map.of())).getMessage());
        assertEquals("Checkpoint: a metadata key must be letters, digits, '.', '_' or '-', but got ''",
                assertThrows(IllegalArgumentException.class,
                        () -> Checkpoint.save(ckpt, a.net(), a.opt(), 0, Map.of(), Map.of("", "x"))).getMessage());
    }
}
