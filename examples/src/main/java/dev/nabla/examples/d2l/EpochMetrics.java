package dev.nabla.examples.d2l;

/**
 * One epoch's numbers. {@code trainLoss} and {@code trainAcc} are d2l's running averages over
 * the epoch's batches (computed in training mode, dropout on); {@code trainEvalLoss} and
 * {@code trainEvalAcc} measure the training set again in eval mode (NaN when not measured), which
 * is the fair comparison with the test numbers; test numbers are always eval mode, under no-grad.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double trainEvalLoss, double trainEvalAcc,
                           double testLoss, double testAcc, double trainSeconds, double seconds) {

    /** Test loss minus eval-mode train loss: how much worse the model does on unseen data. */
    public double generalisationGap() {
        return testLoss - trainEvalLoss;
    }
}
