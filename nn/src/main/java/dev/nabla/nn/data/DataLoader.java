package dev.nabla.nn.data;

import dev.nabla.core.Rng;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates a dataset in mini-batches, as PyTorch's {@code DataLoader}. Each {@code for} loop over
 * it is one epoch; with shuffling, every epoch draws a new order from a generator seeded once,
 * so the whole sequence of epochs is reproducible. Only one batch is materialised at a time.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean dropLast;
    private final Rng shuffle;

    /** In order, keeping a short last batch. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, 0, false);
    }

    /** Shuffled (or not) with {@code seed}, keeping a short last batch. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, seed, false);
    }

    /** @param dropLast skip the last batch when it would be smaller than {@code batchSize} */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, but got " + batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.shuffle = shuffle ? new Rng(seed) : null;
    }

    /** Batches per epoch. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The dataset this loader iterates. */
    public Dataset dataset() {
        return dataset;
    }

    /** One epoch's batches. */
    @Override
    public Iterator<Batch> iterator() {
        int n = dataset.size();
        int[] order = shuffle != null ? shuffle.permutation(n) : null;
        int batches = numBatches();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int start = next++ * batchSize, len = Math.min(batchSize, n - start);
                int[] idx = new int[len];
                for (int i = 0; i < len; i++) idx[i] = order == null ? start + i : order[start + i];
                return dataset.get(idx);
            }
        };
    }
}
