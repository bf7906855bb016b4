package dev.nabla.nn.data;

/** A fixed-size collection of labelled examples that can hand out any subset as a batch. */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** The examples at {@code indices}, in that order, as one batch (a copy of just those). */
    Batch get(int[] indices);
}
