package dev.nabla.examples.d2l;

import dev.nabla.nn.data.DataLoader;
import java.util.Objects;

/**
 * The training and test loaders that {@link D2l#loadDataFashionMnist} returns, d2l's
 * {@code train_iter, test_iter}.
 *
 * @param train the training set, reshuffled every epoch
 * @param test  the test set, in order
 */
public record Loaders(DataLoader train, DataLoader test) {
    /** Both must be given. */
    public Loaders {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
