package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** loss[r] = -log softmax(logits[r])[label[r]] = logsumexp(logits[r]) - logits[r, label[r]]. */
final class CrossEntropyOp extends Function {
    private final int[] labels;
    private final float[] probs;

    private CrossEntropyOp(Tensor logits, int[] labels, float[] probs) {
        super(logits);
        this.labels = labels;
        this.probs = probs;
    }

    static Tensor apply(Tensor logits, int[] labels) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("crossEntropy: expects logits of shape [N, C], but got "
                    + Shapes.str(logits.shape));
        }
        int rows = logits.shape[0], classes = logits.shape[1];
        if (labels.length != rows) {
            throw new IllegalArgumentException("crossEntropy: " + rows + " rows of logits need " + rows
                    + " labels, but got " + labels.length);
        }
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[r] + " at position " + r
                        + " is out of range for " + classes + " classes (expected 0 to " + (classes - 1) + ")");
            }
        }
        float[] loss = new float[rows], probs = new float[logits.numel()];
        Kernels.active().crossEntropy(logits.data(), rows, classes, labels, loss, probs);
        return new CrossEntropyOp(logits, labels.clone(), probs).attach(new Tensor(loss, new int[] {rows}));
    }

    // dlogits[r] = dloss[r] · (softmax(logits[r]) - onehot(label[r]))
    @Override
    Tensor[] backward(Tensor dLoss) {
        float[] g = new float[probs.length];
        Kernels.active().crossEntropyBackward(probs, labels, dLoss.data(), labels.length, input(0).shape[1], g);
        return new Tensor[] {new Tensor(g, input(0).shape)};
    }
}
