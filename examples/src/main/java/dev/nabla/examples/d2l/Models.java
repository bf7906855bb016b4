package dev.nabla.examples.d2l;

import dev.nabla.core.Rng;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.init.Init;
import java.util.List;

/** The chapters' models: the dropout MLPs (d2l 5.6), LeNet (7.6) and LeNet with batch normalization (8.5). */
public final class Models {
    /** Fashion-MNIST: 28x28 inputs, 10 classes. */
    public static final int INPUTS = 784, OUTPUTS = 10;
    /** The models by name: the dropout MLPs of d2l 5.6, LeNet (7.6) and LeNet with batch normalization (8.5). */
    public static final String CONCISE = "concise", SCRATCH = "scratch", LENET = "lenet", LENET_BN = "lenet-bn";
    /** Every model name, as {@code --model} takes it. */
    public static final List<String> NAMES = List.of(CONCISE, SCRATCH, LENET, LENET_BN);

    private Models() {}

    /**
     * d2l's concise model, generalised to any depth: Flatten, then per hidden layer
     * Linear, ReLU, Dropout(p), then the output Linear; weights drawn from Normal(0, 0.01) as the
     * book's {@code init_weights} (biases keep Linear's default, as in the book).
     */
    public static Sequential concise(int[] hidden, double[] dropout, Rng rng) {
        if (hidden.length != dropout.length) {
            throw new IllegalArgumentException("need one dropout probability per hidden layer, but got " + hidden.length
                    + " hidden layers and " + dropout.length + " probabilities");
        }
        Sequential net = new Sequential(new Flatten());
        int in = INPUTS;
        for (int i = 0; i < hidden.length; i++) {
            net.append(new Linear(in, hidden[i], true, rng)).append(new ReLU()).append(new Dropout(dropout[i], rng));
            in = hidden[i];
        }
        net.append(new Linear(in, OUTPUTS, true, rng));
        net.apply(m -> {
            if (m instanceof Linear l) Init.normal_(l.weight(), 0f, 0.01f, rng);
        });
        return net;
    }

    /** The book's from-scratch {@link ScratchNet}; needs exactly two hidden layers. */
    public static Module scratch(int[] hidden, double[] dropout, Rng rng) {
        if (hidden.length != 2 || dropout.length != 2) {
            throw new IllegalArgumentException("the scratch model has exactly two hidden layers and two dropout probabilities, "
                    + "but got hidden " + java.util.Arrays.toString(hidden) + " and dropout " + java.util.Arrays.toString(dropout));
        }
        return new ScratchNet(INPUTS, OUTPUTS, hidden[0], hidden[1], dropout[0], dropout[1], rng);
    }

    /**
     * d2l 7.6's LeNet, exactly: Conv2d(1, 6, 5, padding 2), Sigmoid, AvgPool2d(2, 2), Conv2d(6, 16, 5),
     * Sigmoid, AvgPool2d(2, 2), Flatten, then Linear 400-120-84-10 with Sigmoid between; the weights
     * of every convolution and linear layer Xavier-uniform (the book's {@code init_cnn}), the biases
     * PyTorch's defaults. 61,706 parameters.
     */
    public static Sequential lenet(Rng rng) {
        return xavier(new Sequential(new Conv2d(1, 6, 5, 1, 2, true, rng), new Sigmoid(), new AvgPool2d(2, 2),
                new Conv2d(6, 16, 5, 1, 0, true, rng), new Sigmoid(), new AvgPool2d(2, 2), new Flatten(),
                new Linear(400, 120, true, rng), new Sigmoid(), new Linear(120, 84, true, rng), new Sigmoid(),
                new Linear(84, OUTPUTS, true, rng)), rng);
    }

    /**
     * d2l 8.5's LeNet with batch normalization (its concise {@code BNLeNet}): Conv2d(1, 6, 5), BatchNorm2d(6),
     * Sigmoid, AvgPool2d(2, 2), Conv2d(6, 16, 5), BatchNorm2d(16), Sigmoid, AvgPool2d(2, 2), Flatten,
     * Linear(256, 120), BatchNorm1d(120), Sigmoid, Linear(120, 84), BatchNorm1d(84), Sigmoid, Linear(84, 10);
     * Xavier-uniform weights as {@link #lenet}. 44,878 parameters and 452 running statistics.
     */
    public static Sequential lenetBn(Rng rng) {
        return xavier(new Sequential(new Conv2d(1, 6, 5, 1, 0, true, rng), new BatchNorm2d(6), new Sigmoid(), new AvgPool2d(2, 2),
                new Conv2d(6, 16, 5, 1, 0, true, rng), new BatchNorm2d(16), new Sigmoid(), new AvgPool2d(2, 2), new Flatten(),
                new Linear(256, 120, true, rng), new BatchNorm1d(120), new Sigmoid(), new Linear(120, 84, true, rng), new BatchNorm1d(84),
                new Sigmoid(), new Linear(84, OUTPUTS, true, rng)), rng);
    }

    private static Sequential xavier(Sequential net, Rng rng) {
        net.apply(m -> {
            if (m instanceof Conv2d c) Init.xavierUniform_(c.weight(), 1, rng);
            if (m instanceof Linear l) Init.xavierUniform_(l.weight(), 1, rng);
        });
        return net;
    }

    /** True for {@link #LENET} and {@link #LENET_BN}: models of fixed layers, without hidden widths or dropout. */
    public static boolean isLeNet(String model) {
        return LENET.equals(model) || LENET_BN.equals(model);
    }

    /** The book's learning rate for SGD: 0.5 for the dropout MLPs, 0.9 for LeNet, 1.0 for LeNet with batch norm. */
    public static double bookLr(String model) {
        return LENET.equals(model) ? 0.9 : LENET_BN.equals(model) ? 1.0 : 0.5;
    }

    /** Learnable values of a LeNet: 61,706 ({@link #lenet}) or 44,878 ({@link #lenetBn}). */
    public static long leNetParameters(String model) {
        return LENET_BN.equals(model) ? 44_878 : 61_706;
    }

    /**
     * Values every layer of a LeNet outputs for one image, summed (Flatten, a view, not counted):
     * what a training step keeps per image, and as much again for the gradients.
     */
    public static long leNetActivations(String model) {
        return LENET_BN.equals(model)
                ? 3 * 3456 + 864 + 3 * 1024 + 256 + 3 * 120 + 3 * 84 + OUTPUTS   // conv, BN, sigmoid at 24x24 and 8x8; pools; linear, BN, sigmoid
                : 2 * 4704 + 1176 + 2 * 1600 + 400 + 2 * 120 + 2 * 84 + OUTPUTS; // conv, sigmoid at 28x28 and 10x10; pools; linear, sigmoid
    }
}
