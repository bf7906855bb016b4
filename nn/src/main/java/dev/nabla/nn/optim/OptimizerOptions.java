package dev.nabla.nn.optim;

/**
 * The hyperparameters of one parameter group: a record per optimizer ({@link SGD.Options},
 * {@link Adam.Options}, {@link AdamW.Options}) whose constructor checks every value as PyTorch's
 * optimizer constructor does, so an options value that exists is valid. Records are immutable:
 * change a group's options by giving it new ones ({@link ParamGroup#setOptions}, {@link ParamGroup#setLr}).
 *
 * @param <O> the record type itself, so that {@link #withLr} returns the same kind of options
 */
public interface OptimizerOptions<O extends OptimizerOptions<O>> {
    /** The learning rate. */
    double lr();

    /**
     * These options with learning rate {@code lr}, e.g. for a schedule.
     *
     * @throws IllegalArgumentException {@code "Invalid learning rate: -1.0"} for a negative or non-finite rate
     */
    O withLr(double lr);
}
