package dev.nabla.examples.d2l;

/** Mean cross-entropy loss and accuracy over a dataset. */
public record Evaluation(double loss, double accuracy) {}
