package dev.nabla.examples.experiment;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a trained network shows of itself, taken when its run ends: the masks its dropout layers
 * drew on the last training batch, its first layer's weights, and its predictions for a few test
 * images. Copies, so the network can go.
 *
 * @param maskLabels one caption per dropout layer, e.g. {@code "dropout 1 (p = 0.2)"}
 * @param masks      each dropout layer's last mask (examples x units, 1 kept, 0 dropped); empty without dropout
 * @param firstLayer the first linear layer's weight (out x 784), or null if the model has none of that shape
 * @param images     the test images shown, [n, 1, 28, 28]
 * @param labels     their true classes
 * @param predicted  the network's classes for them (eval mode)
 */
public record Sample(List<String> maskLabels, List<Tensor> masks, Tensor firstLayer, Tensor images, int[] labels, int[] predicted) {
    /** How many test images a sample predicts. */
    public static final int IMAGES = 16;

    /** Takes the sample from {@code net}, right after training (its dropout layers still hold the last batch's masks). */
    public static Sample of(Module net, Dataset test) {
        List<String> labels = new ArrayList<>();
        List<Tensor> masks = new ArrayList<>();
        Tensor[] first = new Tensor[1];
        net.apply(m -> {
            if (m instanceof Dropout d && d.lastMask() != null && d.lastMask().dim() == 2 && d.p() > 0) {
                labels.add(String.format(Locale.ROOT, "dropout %d (p = %s)", labels.size() + 1, d.p()));
                masks.add(copy(d.lastMask()));
            }
            if (m instanceof Linear l && first[0] == null && l.inFeatures() == 784) first[0] = copy(l.weight());
        });
        int n = Math.min(IMAGES, test.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Batch b = test.get(idx);
        int[] predicted = new int[n];
        boolean training = net.isTraining();
        net.eval();
        try (NoGrad g = Tensor.noGrad()) {
            float[] p = net.forward(b.features()).argmax(1).toArray();
            for (int i = 0; i < n; i++) predicted[i] = (int) p[i];
        } finally {
            net.train(training);
        }
        return new Sample(labels, masks, first[0], copy(b.features()), b.labels().clone(), predicted);
    }

    private static Tensor copy(Tensor t) {
        return Tensor.of(t.toArray(), t.shape());
    }
}
