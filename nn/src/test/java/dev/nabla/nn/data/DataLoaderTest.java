package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void badArguments() {
        assertEquals("DataLoader: batch size must be positive, but got 0",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(data, 0)).getMessage());
        assertEquals("TensorDataset: features of shape [3, 2] need one label per row, but got 2 labels",
                assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(3, 2), new int[2])).getMessage());
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
