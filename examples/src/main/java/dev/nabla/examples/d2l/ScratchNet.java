package dev.nabla.examples.d2l;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;

/**
 * d2l's from-scratch {@code Net}: two hidden layers with ReLU, each followed by
 * {@link DropoutLayer#dropoutLayer} only while the module is training. Its weights keep
 * {@code nn.Linear}'s default initialisation, as in the book.
 */
public final class ScratchNet extends Module {
    private final int numInputs;
    private final double dropout1, dropout2;
    private final Linear lin1, lin2, lin3;
    private final Rng rng;

    /** d2l's {@code Net(num_inputs, num_outputs, num_hiddens1, num_hiddens2)}, with its two dropout probabilities. */
    public ScratchNet(int numInputs, int numOutputs, int numHiddens1, int numHiddens2, double dropout1, double dropout2, Rng rng) {
        this.numInputs = numInputs;
        this.dropout1 = dropout1;
        this.dropout2 = dropout2;
        this.rng = rng;
        lin1 = registerModule("lin1", new Linear(numInputs, numHiddens1, true, rng));
        lin2 = registerModule("lin2", new Linear(numHiddens1, numHiddens2, true, rng));
        lin3 = registerModule("lin3", new Linear(numHiddens2, numOutputs, true, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h1 = lin1.forward(x.reshape(-1, numInputs)).relu();
        if (isTraining()) h1 = DropoutLayer.dropoutLayer(h1, dropout1, rng);  // only while training
        Tensor h2 = lin2.forward(h1).relu();
        if (isTraining()) h2 = DropoutLayer.dropoutLayer(h2, dropout2, rng);
        return lin3.forward(h2);
    }

    @Override
    protected String extraRepr() {
        return "dropout1=" + dropout1 + ", dropout2=" + dropout2;
    }
}
