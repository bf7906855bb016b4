package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** 10 examples; example i has features [i, 10i] and label i. */
    private final TensorDataset data;

    DataLoaderTest() {
        float[] x = new float[20];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i;
        }
        data = new TensorDataset(Tensor.of(x, 10, 2), y);
    }

    private static List<int[]> labels(DataLoader loader) {
        List<int[]> out = new ArrayList<>();
        for (Batch b : loader) out.add(b.labels());
        return out;
    }

    @Test
    void batchesInOrderWithATail() {
        DataLoader loader = new DataLoader(data, 4);
        assertEquals(3, loader.numBatches());
        List<int[]> batches = labels(loader);
        assertArrayEquals(new int[] {0, 1, 2, 3}, batches.get(0));
        assertArrayEquals(new int[] {8, 9}, batches.get(2));
        Batch first = loader.iterator().next();
        assertArrayEquals(new int[] {4, 2}, first.features().shape());
        assertArrayEquals(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, first.features().toArray());
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        DataLoader loader = new DataLoader(data, 4, false, 0, true);
        assertEquals(2, loader.numBatches());
        assertEquals(2, labels(loader).size());
    }

    @Test
    void shuffleCoversEveryExampleOnceAndIsReproducible() {
        DataLoader a = new DataLoader(data, 3, true, 42), b = new DataLoader(data, 3, true, 42);
        int[] epoch1 = flat(labels(a)), epoch2 = flat(labels(a));
        assertArrayEquals(epoch1, flat(labels(b)), "same seed, same order");
        assertArrayEquals(epoch2, flat(labels(b)), "and the same order in the next epoch");
        assertFalse(Arrays.equals(epoch1, epoch2), "each epoch is shuffled anew");
        int[] sorted = epoch1.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
        for (Batch batch : a) {  // features follow their labels
            for (int i = 0; i < batch.size(); i++) assertEquals(batch.labels()[i], batch.features().get(i, 0));
        }
    }

    @Test
    void aHugeBatchSizeGivesOneBatchNotZero() {
        // (n + batchSize - 1) overflowed int: 0 batches, so training silently ran no step. PyTorch gives one batch.
        DataLoader loader = new DataLoader(data, Integer.MAX_VALUE, true, 1);
        assertEquals(1, loader.numBatches());
        List<int[]> batches = labels(loader);
        assertEquals(1, batches.size());
        assertEquals(10, batches.get(0).length);
        assertEquals(0, new DataLoader(data, Integer.MAX_VALUE, false, 0, true).numBatches(), "drop-last: no full batch");
        assertEquals(1, new DataLoader(data, Integer.MAX_VALUE - 1).numBatches());
        assertEquals(0, new DataLoader(new TensorDataset(Tensor.zeros(0, 2), new int[0]), 4).numBatches(), "empty dataset");
    }

    @Test
    void restoringTheGeneratorResumesTheShuffleBetweenEpochs() {
        DataLoader straight = new DataLoader(data, 3, true, 42);
        labels(straight);
        int[] second = flat(labels(straight)), third = flat(labels(straight));

        DataLoader first = new DataLoader(data, 3, true, 42);
        labels(first);
        long[] saved = first.generator().getState();  // a checkpoint after epoch 1
        DataLoader resumed = new DataLoader(data, 3, new Rng(999), false);
        resumed.generator().setState(saved);
        assertArrayEquals(second, flat(labels(resumed)));
        assertArrayEquals(third, flat(labels(resumed)));
        assertNull(new DataLoader(data, 3).generator(), "no generator when not shuffling");
    }

    @Test
    void printsItsSettings() {
        assertEquals("DataLoader(size=10, batchSize=4, shuffle=true, dropLast=true, batches=2)",
                new DataLoader(data, 4, true, 0, true).toString());
    }

    @Test
    void badArguments() {
        assertEquals("dataset", assertThrows(NullPointerException.class, () -> new DataLoader(null, 4)).getMessage());
        assertEquals("Batch: features of shape [3, 2] need one label per row, but got 2 labels",
                assertThrows(IllegalArgumentException.class, () -> new Batch(Tensor.zeros(3, 2), new int[2])).getMessage());
        assertEquals("DataLoader: batch size must be positive, but got 0",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(data, 0)).getMessage());
        assertEquals("TensorDataset: features of shape [3, 2] need one label per row, but got 2 labels",
                assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(3, 2), new int[2])).getMessage());
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
