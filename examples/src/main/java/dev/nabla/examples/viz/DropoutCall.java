package dev.nabla.examples.viz;

import dev.nabla.nn.Functional;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * One dropout call on a 2-D input (rows are examples, columns are units): the input, the drop
 * probability, the mask it drew (1 kept, 0 dropped) and its output. Everything a picture of the
 * call shows comes from here, so the picture and the printed output cannot disagree.
 *
 * @param input  examples x units
 * @param p      drop probability
 * @param mask   1 where a unit was kept, 0 where it was dropped; the input's shape
 * @param output mask · input / (1 - p), or zeros when p = 1
 */
public record DropoutCall(Tensor input, double p, Tensor mask, Tensor output) {
    /** @throws IllegalArgumentException unless input, mask and output are 2-D of one shape */
    public DropoutCall {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(output, "output");
        if (input.dim() != 2) {
            throw new IllegalArgumentException("a dropout call is drawn for a 2-D input (examples x units), but got shape "
                    + Arrays.toString(input.shape()));
        }
        if (!Arrays.equals(input.shape(), mask.shape()) || !Arrays.equals(input.shape(), output.shape())) {
            throw new IllegalArgumentException("input, mask and output must have one shape, but got " + Arrays.toString(input.shape())
                    + ", " + Arrays.toString(mask.shape()) + " and " + Arrays.toString(output.shape()));
        }
        new Binomial(0, p);  // validates p with the library's message
    }

    /**
     * d2l's {@code dropout_layer(X, dropout)}, line for line as {@code d2l.DropoutLayer} does it
     * ({@code mask = rand(X.shape) >= p; return mask * X / (1 - p)}), keeping the mask it drew.
     */
    public static DropoutCall dropoutLayer(Tensor x, double p, Rng rng) {
        Functional.checkDropoutProbability(p);
        if (p == 1) return new DropoutCall(x, p, Tensor.zeros(x.shape()), Tensor.zeros(x.shape()));
        Tensor mask = Tensor.rand(rng, x.shape()).ge((float) p);
        return new DropoutCall(x, p, mask, mask.mul(x).div((float) (1.0 - p)));
    }

    /** Number of examples (rows). */
    public int rows() {
        return input.size(0);
    }

    /** Number of units (columns). */
    public int columns() {
        return input.size(1);
    }

    /** True when the unit in {@code row}, {@code column} was dropped. */
    public boolean dropped(int row, int column) {
        return mask.get(row, column) == 0f;
    }

    /** How many units of {@code row} were dropped. */
    public int droppedInRow(int row) {
        int k = 0;
        for (int c = 0; c < columns(); c++) if (dropped(row, c)) k++;
        return k;
    }

    /** How many units of the whole call were dropped. */
    public int droppedInAll() {
        int k = 0;
        for (int r = 0; r < rows(); r++) k += droppedInRow(r);
        return k;
    }

    /** The distribution of one row's dropped count. */
    public Binomial perRow() {
        return new Binomial(columns(), p);
    }

    /** The distribution of the call's dropped count. */
    public Binomial perCall() {
        return new Binomial(rows() * columns(), p);
    }
}
