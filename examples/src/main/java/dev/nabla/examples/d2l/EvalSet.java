package dev.nabla.examples.d2l;

import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.Dataset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A set measured after every epoch, its batches gathered and widened to floats once: the same
 * batches, in order, every time, as an unshuffled {@link DataLoader} of the same size yields them.
 * Each measurement then skips gathering and widening the images (12,000 of them per epoch in the
 * dropout study) and allocates no inputs; the price is the floats kept (4 bytes a pixel: 31 MB for
 * the 10,000 test images). {@link Trainer#evaluate(dev.nabla.nn.Module, Iterable)} measures it.
 */
public final class EvalSet implements Iterable<Batch> {
    private final List<Batch> batches;
    private final int size, batchSize;

    /** Every batch of {@code data} in batches of {@code batchSize}, gathered now. */
    public EvalSet(Dataset data, int batchSize) {
        if (data.size() == 0) throw new IllegalArgumentException("EvalSet: the dataset is empty");
        List<Batch> all = new ArrayList<>();
        for (Batch b : new DataLoader(data, batchSize)) all.add(b);
        this.batches = List.copyOf(all);
        this.size = data.size();
        this.batchSize = batchSize;
    }

    /** The number of examples. */
    public int size() {
        return size;
    }

    /** The number of batches. */
    public int numBatches() {
        return batches.size();
    }

    @Override
    public Iterator<Batch> iterator() {
        return batches.iterator();
    }

    @Override
    public String toString() {
        return "EvalSet(size=" + size + ", batchSize=" + batchSize + ", batches=" + batches.size() + ")";
    }
}
