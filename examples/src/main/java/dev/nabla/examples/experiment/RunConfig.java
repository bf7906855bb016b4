package dev.nabla.examples.experiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * One training run's settings.
 *
 * @param name       short identifier, used in file names ({@code no-dropout})
 * @param label      what plots and reports call it ({@code "no dropout"})
 * @param model      {@code concise} or {@code scratch}
 * @param hidden     hidden layer widths
 * @param dropout    drop probability after each hidden layer
 * @param lr         SGD learning rate
 * @param momentum   SGD momentum (0: plain SGD, as the book)
 * @param trainLimit train on the first N training images (0: all)
 */
public record RunConfig(String name, String label, String model, int[] hidden, double[] dropout, double lr, double momentum,
                        int batchSize, int epochs, int trainLimit, long seed) {
    /** Checks every setting and names the bad one. */
    public RunConfig {
        if (!model.equals("concise") && !model.equals("scratch")) {
            throw new IllegalArgumentException("model must be concise or scratch, but got '" + model + "'");
        }
        for (double p : dropout) {  // a bad value first: it is the likelier mistake than a miscount
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        for (int h : hidden) if (h <= 0) throw new IllegalArgumentException("hidden widths must be positive, but got " + Arrays.toString(hidden));
        if (hidden.length != dropout.length) {
            throw new IllegalArgumentException("need one dropout probability per hidden layer: hidden " + Arrays.toString(hidden)
                    + ", dropout " + Arrays.toString(dropout));
        }
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, but got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum has to be in [0, 1), but got " + momentum);
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, but got " + batchSize);
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, but got " + epochs);
        if (trainLimit < 0) throw new IllegalArgumentException("train limit must be >= 0, but got " + trainLimit);
        hidden = hidden.clone();
        dropout = dropout.clone();
    }

    /** d2l's settings: 784-256-256-10, dropout 0.2 and 0.5, lr 0.5, batch 256, 10 epochs, all data. */
    public static RunConfig book(long seed) {
        return new RunConfig("book", "d2l book setting", "concise", new int[] {256, 256}, new double[] {0.2, 0.5}, 0.5, 0, 256, 10, 0, seed);
    }

    /** A copy with other epochs and training-set size. */
    public RunConfig with(int epochs, int trainLimit) {
        return new RunConfig(name, label, model, hidden, dropout, lr, momentum, batchSize, epochs, trainLimit, seed);
    }

    /** e.g. {@code "0.2, 0.5"}. */
    public String dropoutText() {
        StringBuilder sb = new StringBuilder();
        for (double p : dropout) sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s", p));
        return sb.toString();
    }

    /** A copy of the hidden widths. */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A copy of the drop probabilities. */
    @Override
    public double[] dropout() {
        return dropout.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s model, hidden %s, dropout [%s], SGD lr %s%s, batch %d, %d epochs, %s training images, seed %d",
                label, model, Arrays.toString(hidden), dropoutText(), lr, momentum == 0 ? "" : " momentum " + momentum, batchSize, epochs,
                trainLimit == 0 ? "all" : Integer.toString(trainLimit), seed);
    }
}
