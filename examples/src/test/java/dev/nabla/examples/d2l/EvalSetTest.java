package dev.nabla.examples.d2l;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.ImageDataset;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** An EvalSet holds the batches an unshuffled loader yields, and measures exactly as the loader does. */
class EvalSetTest {
    private static ImageDataset images(int n) {
        byte[] pixels = new byte[n * 16];
        int[] labels = new int[n];
        Rng rng = new Rng(9);
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (rng.nextLong() & 0xFF);
        for (int i = 0; i < n; i++) labels[i] = i % 3;
        return new ImageDataset(pixels, labels, 4, 4);
    }

    @Test
    void theSameBatchesAsAnUnshuffledLoaderEveryTime() {
        ImageDataset data = images(23);
        EvalSet set = new EvalSet(data, 10);
        assertEquals(23, set.size());
        assertEquals(3, set.numBatches());
        assertEquals("EvalSet(size=23, batchSize=10, batches=3)", set.toString());
        Iterator<Batch> kept = set.iterator();
        for (Batch b : new DataLoader(data, 10)) {
            Batch k = kept.next();
            assertArrayEquals(b.features().shape(), k.features().shape());
            assertArrayEquals(b.features().toArray(), k.features().toArray());
            assertArrayEquals(b.labels(), k.labels());
        }
        Batch first = set.iterator().next();
        assertSame(first, set.iterator().next(), "gathered once, not per pass");
    }

    @Test
    void measuresBitForBitAsTheLoader() {
        ImageDataset data = images(50);
        Rng rng = new Rng(4);
        Sequential net = new Sequential(new Flatten(), new Linear(16, 8, true, rng), new ReLU(), new Dropout(0.5, rng), new Linear(8, 3, true, rng));
        Evaluation a = Trainer.evaluate(net, new EvalSet(data, 16)), b = Trainer.evaluate(net, new DataLoader(data, 16));
        assertEquals(b.loss(), a.loss());
        assertEquals(b.accuracy(), a.accuracy());
        assertTrue(net.isTraining(), "the mode is restored");
    }

    @Test
    void aNetOfLibraryLayersMeasuredSeveralBatchesAtATimeGivesTheNumbersOfOneAtATime() {
        ImageDataset data = images(200);
        Sequential library = new Sequential(new Flatten(), new Linear(16, 8, true, new Rng(4)), new ReLU(), new Linear(8, 3, true, new Rng(5)));
        Module own = new Module() {  // not a dev.nabla.nn class: measured one batch at a time
            @Override
            public Tensor forward(Tensor x) {
                return library.forward(x);
            }
        };
        for (int batch : new int[] {7, 16, 64, 200}) {
            Evaluation parallel = Trainer.evaluate(library, new EvalSet(data, batch)), serial = Trainer.evaluate(own, new EvalSet(data, batch));
            assertEquals(serial.loss(), parallel.loss(), "batch " + batch);
            assertEquals(serial.accuracy(), parallel.accuracy(), "batch " + batch);
        }
    }

    @Test
    void anEmptySetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvalSet(images(0), 10));
        assertEquals("EvalSet: the dataset is empty", e.getMessage());
    }
}
