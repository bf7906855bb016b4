package dev.nabla.examples.experiment;

import dev.nabla.nn.Functional;
import dev.nabla.examples.d2l.Models;
import java.util.Arrays;
import java.util.Locale;

/**
 * One training run's settings.
 *
 * @param name       short identifier, used in file names ({@code no-dropout})
 * @param label      what plots and reports call it ({@code "no dropout"})
 * @param model      {@code concise} or {@code scratch} (the dropout MLP), {@code lenet} or {@code lenet-bn}
 * @param hidden     hidden layer widths (none for a LeNet)
 * @param dropout    drop probability after each hidden layer (none for a LeNet)
 * @param lr         SGD learning rate
 * @param momentum   SGD momentum (0: plain SGD, as the book)
 * @param trainLimit train on the first N training images (0: all)
 * @param dropLast   skip each epoch's last batch when it is short
 */
public record RunConfig(String name, String label, String model, int[] hidden, double[] dropout, double lr, double momentum,
                        int batchSize, int epochs, int trainLimit, long seed, boolean dropLast) {
    /** Fashion-MNIST's training images: what "all" means before the data is loaded. */
    static final int ALL_IMAGES = 60_000;

    /** Checks every setting and names the bad one, including settings under which no step would run. */
    public RunConfig {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a run needs a name");
        if (label == null) label = name;
        if (!Models.NAMES.contains(model)) {
            throw new IllegalArgumentException("model must be concise, scratch, lenet or lenet-bn, but got '" + model + "'");
        }
        if (hidden == null || dropout == null) throw new IllegalArgumentException("hidden widths and dropout probabilities are needed");
        if (Models.isLeNet(model) && (hidden.length > 0 || dropout.length > 0)) {
            throw new IllegalArgumentException("model " + model + " has the book's fixed layers and no dropout: it takes no hidden widths or "
                    + "dropout probabilities, but got hidden " + Arrays.toString(hidden) + " and dropout " + Arrays.toString(dropout));
        }
        for (double p : dropout) {  // a bad value first: it is the likelier mistake than a miscount
            Functional.checkDropoutProbability(p);
        }
        for (int h : hidden) if (h <= 0) throw new IllegalArgumentException("hidden widths must be positive, but got " + Arrays.toString(hidden));
        if (hidden.length != dropout.length) {
            throw new IllegalArgumentException("need one dropout probability per hidden layer: hidden " + Arrays.toString(hidden)
                    + ", dropout " + Arrays.toString(dropout));
        }
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be positive and finite, but got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum has to be in [0, 1), but got " + momentum);
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, but got " + batchSize);
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, but got " + epochs);
        if (trainLimit < 0) throw new IllegalArgumentException("train limit must be >= 0, but got " + trainLimit);
        if (dropLast && trainLimit > 0 && batchSize > trainLimit) throw noFullBatch(batchSize, trainLimit);
        hidden = hidden.clone();
        dropout = dropout.clone();
    }

    /** Settings that keep a short last batch, as d2l does. */
    public RunConfig(String name, String label, String model, int[] hidden, double[] dropout, double lr, double momentum, int batchSize,
                     int epochs, int trainLimit, long seed) {
        this(name, label, model, hidden, dropout, lr, momentum, batchSize, epochs, trainLimit, seed, false);
    }

    /** d2l's settings: 784-256-256-10, dropout 0.2 and 0.5, lr 0.5, batch 256, 10 epochs, all data. */
    public static RunConfig book(long seed) {
        return new RunConfig("book", "d2l book setting", "concise", new int[] {256, 256}, new double[] {0.2, 0.5}, 0.5, 0, 256, 10, 0, seed);
    }

    /** A copy with other epochs and training-set size. */
    public RunConfig with(int epochs, int trainLimit) {
        return new RunConfig(name, label, model, hidden, dropout, lr, momentum, batchSize, epochs, trainLimit, seed, dropLast);
    }

    /** How many images this run trains on, out of {@code available}. */
    public int trainImages(int available) {
        return trainLimit == 0 ? available : Math.min(trainLimit, available);
    }

    /** Optimiser steps per epoch on {@code images} training images, refusing settings that give none. */
    public int stepsPerEpoch(int images) {
        if (images <= 0) throw new IllegalArgumentException("there are no training images: nothing would be trained");
        long steps = dropLast ? images / batchSize : (images + (long) batchSize - 1) / batchSize;
        if (steps == 0) throw noFullBatch(batchSize, images);
        return (int) steps;
    }

    private static IllegalArgumentException noFullBatch(int batchSize, int images) {
        return new IllegalArgumentException("batch size " + batchSize + " with drop-last leaves no full batch of " + images
                + " training images, so no step would run: use a batch size of at most " + images + ", or keep the last batch");
    }

    /** Weights and biases of the model: Σ (in + 1)·out over the MLP's linear layers, or a LeNet's count. */
    public long parameterCount() {
        if (Models.isLeNet(model)) return Models.leNetParameters(model);
        long n = 0, in = Models.INPUTS;
        for (int h : hidden) {
            n += (in + 1) * h;
            in = h;
        }
        return n + (in + 1) * Models.OUTPUTS;
    }

    /**
     * A lower bound, in bytes, on the memory training needs: the weights, their gradients and
     * momentum buffers, and one batch's activations (inputs, and per hidden unit the linear, ReLU
     * and dropout outputs, the mask and their gradients). The data itself comes on top.
     */
    public long estimatedBytes() {
        long batch = Math.min(batchSize, trainLimit == 0 ? ALL_IMAGES : trainLimit);
        long units = 0;
        for (int h : hidden) units += h;
        long perImage = Models.isLeNet(model) ? 2 * (Models.INPUTS + Models.leNetActivations(model))  // values and their gradients
                : 2L * Models.INPUTS + 8 * units + 4L * Models.OUTPUTS;
        long floats = parameterCount() * (momentum > 0 ? 3 : 2) + batch * perImage;
        return 4 * floats;
    }

    /**
     * Refuses a model that cannot exist (a layer with more weights than a Java array holds) or
     * cannot fit in {@code maxHeapBytes}, naming the size asked for and how to get more memory.
     */
    public void checkFits(long maxHeapBytes) {
        long in = Models.INPUTS;
        for (int h : hidden) {
            if (in * h > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a %d x %d layer has %,d weights, more than a tensor can hold "
                        + "(%,d): use smaller hidden widths", in, h, in * h, Integer.MAX_VALUE));
            }
            in = h;
        }
        long need = estimatedBytes();
        if (need > maxHeapBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "this model needs about %s to train (%,d parameters, batch %d), "
                    + "but the Java heap is limited to %s: use smaller hidden widths or batches, or give Java more memory, e.g. "
                    + "NABLA_JAVA_OPTS=-Xmx%dg ./nabla ...", gib(need), parameterCount(), batchSize, gib(maxHeapBytes), (need >> 30) + 2));
        }
    }

    /** Bytes as GiB, MiB or KiB, e.g. {@code "12.3 GB"}. */
    static String gib(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        return (bytes >> 10) + " KB";
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
    public boolean equals(Object o) {
        return o instanceof RunConfig c && name.equals(c.name) && label.equals(c.label) && model.equals(c.model)
                && Arrays.equals(hidden, c.hidden) && Arrays.equals(dropout, c.dropout) && Double.compare(lr, c.lr) == 0
                && Double.compare(momentum, c.momentum) == 0 && batchSize == c.batchSize && epochs == c.epochs
                && trainLimit == c.trainLimit && seed == c.seed && dropLast == c.dropLast;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, label, model, Arrays.hashCode(hidden), Arrays.hashCode(dropout), lr, momentum, batchSize, epochs,
                trainLimit, seed, dropLast);
    }

    @Override
    public String toString() {
        if (Models.isLeNet(model)) {
            return String.format(Locale.ROOT, "%s: %s model, SGD lr %s%s, batch %d%s, %d epochs, %s training images, seed %d", label, model, lr,
                    momentum == 0 ? "" : " momentum " + momentum, batchSize, dropLast ? " (drop last)" : "", epochs,
                    trainLimit == 0 ? "all" : Integer.toString(trainLimit), seed);
        }
        return String.format(Locale.ROOT, "%s: %s model, hidden %s, dropout [%s], SGD lr %s%s, batch %d%s, %d epochs, %s training images, seed %d",
                label, model, Arrays.toString(hidden), dropoutText(), lr, momentum == 0 ? "" : " momentum " + momentum, batchSize,
                dropLast ? " (drop last)" : "", epochs, trainLimit == 0 ? "all" : Integer.toString(trainLimit), seed);
    }
}
