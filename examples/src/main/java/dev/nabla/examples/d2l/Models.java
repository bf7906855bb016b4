package dev.nabla.examples.d2l;

import dev.nabla.core.Rng;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.init.Init;

/** The chapter's models. */
public final class Models {
    /** Fashion-MNIST: 28x28 inputs, 10 classes. */
    public static final int INPUTS = 784, OUTPUTS = 10;

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
}
