package dev.nabla.nn.data;

import dev.nabla.core.Rng;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Iterates a dataset in mini-batches, as PyTorch's {@code DataLoader}. Each {@code for} loop over
 * it is one epoch; with shuffling, every epoch draws a new order from the loader's generator when
 * the loop starts, so the whole sequence of epochs is reproducible. Only one batch is
 * materialised at a time.
 *
 * <p>To resume between epochs, save {@link #generator()}'s state after an epoch and restore it
 * before the next: the loader keeps no other state (as PyTorch's {@code generator} argument).
 * Not thread-safe: one loop at a time.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean dropLast;
    private final Rng generator;

    /** In order, keeping a short last batch. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, null, false);
    }

    /** Shuffled (or not) with a generator seeded with {@code seed}, keeping a short last batch. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, seed, false);
    }

    /** @param dropLast skip the last batch when it would be smaller than {@code batchSize} */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        this(dataset, batchSize, shuffle ? new Rng(seed) : null, dropLast);
    }

    /**
     * Shuffled with {@code generator}, or in order when it is null.
     *
     * @param generator draws each epoch's order; the loader advances it (one permutation per epoch)
     * @param dropLast  skip the last batch when it would be smaller than {@code batchSize}
     */
    public DataLoader(Dataset dataset, int batchSize, Rng generator, boolean dropLast) {
        Objects.requireNonNull(dataset, "dataset");
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, but got " + batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.generator = generator;
    }

    /** Batches per epoch: ⌈n / batchSize⌉, or ⌊n / batchSize⌋ with {@code dropLast} (0 when nothing fits). */
    public int numBatches() {
        long n = dataset.size();  // long: n + batchSize - 1 overflows int for large batch sizes
        return (int) (dropLast ? n / batchSize : (n + batchSize - 1) / batchSize);
    }

    /** The dataset this loader iterates. */
    public Dataset dataset() {
        return dataset;
    }

    /** Examples per batch (the last may have fewer unless {@link #dropLast()}). */
    public int batchSize() {
        return batchSize;
    }

    /** Whether a short last batch is skipped. */
    public boolean dropLast() {
        return dropLast;
    }

    /** The generator that shuffles each epoch, or null when the loader iterates in order. */
    public Rng generator() {
        return generator;
    }

    /** One epoch's batches; with shuffling, this call draws the epoch's order. */
    @Override
    public Iterator<Batch> iterator() {
        int n = dataset.size();
        int[] order = generator != null ? generator.permutation(n) : null;
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
                int start = next++ * batchSize, len = Math.min(batchSize, n - start);  // start < n: no overflow
                int[] idx = new int[len];
                for (int i = 0; i < len; i++) idx[i] = order == null ? start + i : order[start + i];
                return dataset.get(idx);
            }
        };
    }

    @Override
    public String toString() {
        return "DataLoader(size=" + dataset.size() + ", batchSize=" + batchSize + ", shuffle=" + (generator != null)
                + ", dropLast=" + dropLast + ", batches=" + numBatches() + ")";
    }
}
