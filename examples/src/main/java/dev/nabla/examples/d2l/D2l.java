package dev.nabla.examples.d2l;

import dev.nabla.core.Rng;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The helpers a reader of d2l.ai calls {@code d2l.xxx}, under their Java names, so the book's
 * code reads the same in Java:
 * <pre>{@code
 * Loaders data = D2l.loadDataFashionMnist(256);                  // train_iter, test_iter
 * D2l.trainCh3(net, data.train(), data.test(), loss, 10, trainer);
 * }</pre>
 * Accuracy ({@code d2l.accuracy}, {@code d2l.evaluate_accuracy}) is in {@link dev.nabla.nn.Metrics}.
 */
public final class D2l {
    /** Where {@link #trainCh3} draws its plot when there is no display: {@code train-ch3.png} in the working folder. */
    public static final Path TRAIN_CH3_PNG = Path.of("train-ch3.png");

    private D2l() {}

    /**
     * d2l's {@code load_data_fashion_mnist(batch_size)}: Fashion-MNIST, found or downloaded and
     * verified by {@link FashionMnist#load()}, as a training loader reshuffled every epoch by the
     * default generator ({@link Rng#manualSeed} makes it repeat) and a test loader in order.
     * Batches are [B, 1, 28, 28] in [0, 1] with labels 0-9.
     *
     * @throws IOException when the data is neither found nor downloadable; the message says where it looked and what to do
     */
    public static Loaders loadDataFashionMnist(int batchSize) throws IOException {
        FashionMnist data = FashionMnist.load();
        return new Loaders(new DataLoader(data.train(), batchSize, Rng.defaultGenerator(), false), new DataLoader(data.test(), batchSize));
    }

    /**
     * d2l's {@code train_ch3(net, train_iter, test_iter, loss, num_epochs, updater)}: trains
     * {@code numEpochs} epochs and, after each, measures the test accuracy in eval mode, plotting
     * train loss, train accuracy and test accuracy with an {@link Animator} (a window, or
     * {@link #TRAIN_CH3_PNG} when there is no display) and printing them, one line per epoch.
     *
     * @return every epoch's numbers (train loss and accuracy are d2l's running averages, dropout on)
     * @throws DivergedException when the loss or a weight stops being a finite number; it says where and what to do
     */
    public static List<EpochMetrics> trainCh3(Module net, DataLoader trainIter, DataLoader testIter, CrossEntropyLoss loss,
                                              int numEpochs, Optimizer updater) {
        checkEpochs(numEpochs);
        Animator animator = new Animator("epoch", List.of("train loss", "train acc", "test acc"), new double[] {1, Math.max(numEpochs, 2)},
                new double[] {0.3, 0.9}, TRAIN_CH3_PNG, System.out);
        return trainCh3(net, trainIter, testIter, loss, numEpochs, updater, animator);
    }

    /** As {@link #trainCh3(Module, DataLoader, DataLoader, CrossEntropyLoss, int, Optimizer)}, plotting into {@code animator}. */
    public static List<EpochMetrics> trainCh3(Module net, DataLoader trainIter, DataLoader testIter, CrossEntropyLoss loss,
                                              int numEpochs, Optimizer updater, Animator animator) {
        checkEpochs(numEpochs);
        Objects.requireNonNull(trainIter, "trainIter");
        Objects.requireNonNull(testIter, "testIter");
        Trainer trainer = new Trainer("train_ch3", net, updater, loss);
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = 1; epoch <= numEpochs; epoch++) {
            EpochMetrics m;
            try {
                m = trainer.epoch(epoch, trainIter, testIter, null, Trainer.QUIET);
            } catch (DivergedException e) {
                throw updater.paramGroups().size() == 1
                        ? e.withFix(DivergedException.lowerLearningRate("the learning rate", updater.paramGroups().get(0).lr())) : e;
            }
            history.add(m);
            animator.add(epoch, m.trainLoss(), m.trainAcc(), m.testAcc());
        }
        return history;
    }

    private static void checkEpochs(int numEpochs) {
        if (numEpochs <= 0) throw new IllegalArgumentException("trainCh3: the number of epochs must be positive, but got " + numEpochs);
    }
}
