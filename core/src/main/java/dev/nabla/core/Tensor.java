package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;
import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;
import java.util.Arrays;
import java.util.Objects;

/**
 * An N-dimensional array of float32 values, row-major, that records the ops applied to it so
 * that {@link #backward()} can compute gradients, as in PyTorch.
 *
 * <p>Tensors are immutable to users: every op returns a new tensor. The only writes in place are
 * gradient accumulation and the methods whose names end in {@code _} (used by optimisers and
 * initialisers, under {@link #noGrad()}); each says so.
 *
 * <p>Threads: values never change after an op returns, so any number of threads may read
 * tensors and compute with them at once, each building its own graph. Backward passes on several
 * threads may reach the same leaf: its gradient accumulation (the first assignment included),
 * {@link #grad()} and {@link #zeroGrad()} synchronize on the leaf, so no update is lost. Methods
 * ending in {@code _}, {@link #requiresGrad(boolean)} and {@link #zeroGrad()} are writes: do not
 * run them while another thread uses the same tensor. Grad mode ({@link #noGrad()}) belongs to
 * each thread. Every method rejects a null argument with a {@link NullPointerException} whose
 * message is the argument's name (the bias of {@link #linear} may be null).
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new float[] {2, 3}, 2).requiresGrad(true);
 * Tensor loss = a.mul(a).sum();     // tensor(13., grad_fn=<SumBackward>)
 * loss.backward();
 * a.grad();                         // tensor([4., 6.])
 * }</pre>
 */
public final class Tensor {
    final Storage storage;
    final int[] shape;
    Function gradFn;
    Tensor grad;
    private boolean requiresGrad;

    /** Wraps {@code data} without copying; callers hand the array over. */
    Tensor(float[] data, int[] shape) {
        this(new Storage(data), shape);
    }

    Tensor(Storage storage, int[] shape) {
        this.storage = storage;
        this.shape = shape;
    }

    float[] data() {
        return storage.data;
    }

    // ---------------------------------------------------------------- factories

    /** A tensor holding a copy of {@code data}, read row-major into {@code shape}. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = fitted(Objects.requireNonNull(data, "data"), Objects.requireNonNull(shape, "shape"), "Tensor.of");
        return new Tensor(data.clone(), s);
    }

    /**
     * A tensor over {@code data} itself, without copying, as EJML's {@code wrap} and PyTorch's
     * {@code from_numpy}: the tensor takes the array over, so do not write to it afterwards
     * ({@link #of(float[], int...)} copies). For data just computed into a fresh array, such as
     * a decoded batch of images.
     */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(data, fitted(Objects.requireNonNull(data, "data"), Objects.requireNonNull(shape, "shape"), "Tensor.wrap"));
    }

    /**
     * Unsigned 8-bit values (0..255) as floats times {@code scale}, read row-major into
     * {@code shape}: PyTorch's {@code torch.from_numpy(u8).float() * scale}. A batch of 8-bit
     * images becomes a float tensor in one vectorised pass: {@code fromUnsignedBytes(pixels, 1/255f,
     * batch, 1, 28, 28)} is scaled to [0, 1].
     */
    public static Tensor fromUnsignedBytes(byte[] data, float scale, int... shape) {
        Objects.requireNonNull(data, "data");
        int[] s = Shapes.checked(Objects.requireNonNull(shape, "shape"), "Tensor.fromUnsignedBytes");
        if (data.length != Shapes.numel(s, "Tensor.fromUnsignedBytes")) {
            throw new IllegalArgumentException("Tensor.fromUnsignedBytes: " + data.length + " bytes cannot fill shape "
                    + Shapes.str(s) + " (" + Shapes.numel(s, "Tensor.fromUnsignedBytes") + " elements)");
        }
        float[] out = new float[data.length];
        Kernels.active().widenUnsigned(data, 0, scale, out, 0, out.length);
        return new Tensor(out, s);
    }

    /** {@code shape}, checked, if {@code data} fills it exactly. */
    private static int[] fitted(float[] data, int[] shape, String op) {
        int[] s = Shapes.checked(shape, op);
        if (data.length != Shapes.numel(s, op)) {
            throw new IllegalArgumentException(op + ": " + data.length + " values cannot fill shape "
                    + Shapes.str(s) + " (" + Shapes.numel(s, op) + " elements)");
        }
        return s;
    }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        for (int r = 0; r < rows.length; r++) Objects.requireNonNull(rows[r], "rows[" + r + "]");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[Shapes.numel(new int[] {rows.length, cols}, "Tensor.of")];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + r + " has " + rows[r].length
                        + " values, but row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A 0-d tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return full(0f, Objects.requireNonNull(shape, "shape"));
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1f, Objects.requireNonNull(shape, "shape"));
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(float value, int... shape) {
        int[] s = Shapes.checked(Objects.requireNonNull(shape, "shape"), "Tensor.full");
        float[] data = new float[Shapes.numel(s, "Tensor.full")];
        if (value != 0f) Arrays.fill(data, value);
        return new Tensor(data, s);
    }

    /** [0, 1, ..., n-1] as a 1-d tensor. */
    public static Tensor arange(int n) {
        return arange(0, n);
    }

    /** [start, start+1, ..., end-1] as a 1-d tensor. */
    public static Tensor arange(int start, int end) {
        if (end < start) throw new IllegalArgumentException("Tensor.arange: end " + end + " is before start " + start);
        float[] data = new float[Shapes.count((long) end - start, "Tensor.arange", "[" + start + ", " + end + ")")];
        for (int i = 0; i < data.length; i++) data[i] = start + i;
        return new Tensor(data, new int[] {data.length});
    }

    /** Uniform on [0, 1) from the default generator (see {@link Rng#manualSeed}). */
    public static Tensor rand(int... shape) {
        return rand(Rng.defaultGenerator(), Objects.requireNonNull(shape, "shape"));
    }

    /** Uniform on [0, 1) from {@code rng}. */
    public static Tensor rand(Rng rng, int... shape) {
        Objects.requireNonNull(rng, "rng");
        return zeros(Objects.requireNonNull(shape, "shape")).uniformFill(0f, 1f, rng);
    }

    /** Standard normal from the default generator (see {@link Rng#manualSeed}). */
    public static Tensor randn(int... shape) {
        return randn(Rng.defaultGenerator(), Objects.requireNonNull(shape, "shape"));
    }

    /** Standard normal from {@code rng}. */
    public static Tensor randn(Rng rng, int... shape) {
        Objects.requireNonNull(rng, "rng");
        return zeros(Objects.requireNonNull(shape, "shape")).normalFill(0f, 1f, rng);
    }

    // ---------------------------------------------------------------- inspection

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one dimension; negative dims count from the end. */
    public int size(int dim) {
        return shape[Shapes.dim(dim, shape.length, "size")];
    }

    /** Number of dimensions (0 for a scalar). */
    public int dim() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar). */
    public int numel() {
        return storage.data.length;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: only one-element tensors can be converted to a number, but this "
                    + "tensor has shape " + Shapes.str(shape) + " (" + numel() + " elements)");
        }
        return storage.data[0];
    }

    /** One element, by one index per dimension (negative indices count from the end). */
    public float get(int... index) {
        Objects.requireNonNull(index, "index");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank " + shape.length
                    + " (shape " + Shapes.str(shape) + ")");
        }
        int[] at = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            at[d] = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (at[d] < 0 || at[d] >= shape[d]) {
                throw new IllegalArgumentException("get: index " + index[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d] + " (shape " + Shapes.str(shape) + ")");
            }
        }
        return storage.data[Shapes.offset(shape, at)];
    }

    /** A row-major copy of the values. */
    public float[] toArray() {
        return storage.data.clone();
    }

    /** True when shapes match and |a - b| ≤ atol + rtol·|b| everywhere (NaN never close). */
    public boolean allClose(Tensor other, double rtol, double atol) {
        Objects.requireNonNull(other, "other");
        if (!Arrays.equals(shape, other.shape)) return false;
        for (int i = 0; i < numel(); i++) {
            double a = storage.data[i], b = other.storage.data[i];
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && a != b) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- elementwise (broadcasting)

    /** this + other, broadcasting. */
    public Tensor add(Tensor other) { return AddOp.apply(this, Objects.requireNonNull(other, "other")); }
    /** this + value. */
    public Tensor add(float value) { return AddOp.apply(this, scalar(value)); }
    /** this - other, broadcasting. */
    public Tensor sub(Tensor other) { return SubOp.apply(this, Objects.requireNonNull(other, "other")); }
    /** this - value. */
    public Tensor sub(float value) { return SubOp.apply(this, scalar(value)); }
    /** this · other elementwise, broadcasting. */
    public Tensor mul(Tensor other) { return MulOp.apply(this, Objects.requireNonNull(other, "other")); }
    /** this · value. */
    public Tensor mul(float value) { return MulOp.apply(this, scalar(value)); }
    /** this / other elementwise, broadcasting. */
    public Tensor div(Tensor other) { return DivOp.apply(this, Objects.requireNonNull(other, "other")); }
    /** this / value. */
    public Tensor div(float value) { return DivOp.apply(this, scalar(value)); }
    /** -this. */
    public Tensor neg() { return NegOp.apply(this); }
    /** x^exponent, elementwise (exponent ½ is √x, as in PyTorch). */
    public Tensor pow(float exponent) { return PowOp.apply(this, exponent); }
    /** e to the power of each element. */
    public Tensor exp() { return ExpOp.apply(this); }
    /** Natural logarithm. */
    public Tensor log() { return LogOp.apply(this); }
    /** Square root of each element (NaN below 0). */
    public Tensor sqrt() { return SqrtOp.apply(this); }
    /** Absolute value of each element. */
    public Tensor abs() { return AbsOp.apply(this); }
    /** max(x, 0) elementwise; as in PyTorch, NaN stays NaN and the gradient is 0 where x ≤ 0, passed on where x is NaN. */
    public Tensor relu() { return ReluOp.apply(this); }
    /** 1 / (1 + e^-x) elementwise, without overflow for large |x|. */
    public Tensor sigmoid() { return SigmoidOp.apply(this); }
    /** Hyperbolic tangent elementwise. */
    public Tensor tanh() { return TanhOp.apply(this); }

    // The double overloads let x.mul(0.5) compile; the value is rounded to float, as PyTorch does for a float
    // tensor. An int literal still picks the float overload (the more specific one): x.mul(2) is x.mul(2f).
    /** this + value. */
    public Tensor add(double value) { return add((float) value); }
    /** this - value. */
    public Tensor sub(double value) { return sub((float) value); }
    /** this · value. */
    public Tensor mul(double value) { return mul((float) value); }
    /** this / value. */
    public Tensor div(double value) { return div((float) value); }
    /**
     * Each element pulled into [min, max]: min(max(x, min), max). As PyTorch: every element becomes
     * max when min &gt; max, NaN stays NaN (and a NaN bound makes every element NaN); the gradient is 1
     * inside [min, max], ends included, and 0 outside.
     */
    public Tensor clamp(float min, float max) { return ClampOp.apply(this, min, max); }
    /**
     * The larger of this and other elementwise, broadcasting; NaN if either is NaN. Where they are
     * equal each gets half the gradient, as PyTorch.
     */
    public Tensor maximum(Tensor other) { return MaximumOp.apply(this, Objects.requireNonNull(other, "other")); }
    /**
     * The smaller of this and other elementwise, broadcasting; NaN if either is NaN. Where they are
     * equal each gets half the gradient, as PyTorch.
     */
    public Tensor minimum(Tensor other) { return MinimumOp.apply(this, Objects.requireNonNull(other, "other")); }
    /**
     * x where condition is non-zero (NaN counts as non-zero), y elsewhere; the three broadcast. The
     * gradient goes to x where it was taken and to y elsewhere, summed back to each shape. A select,
     * not arithmetic: an inf or NaN in the branch not taken stays out of the result (though, as in
     * PyTorch, not out of the gradient: {@code where(x.gt(0f), x.log(), zero)} at x = 0 still gets
     * log's 0/0 = NaN).
     */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        return WhereOp.apply(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(x, "x"), Objects.requireNonNull(y, "y"));
    }
    /** x where x &gt; 0, else negativeSlope·x (PyTorch's default slope is 0.01). */
    public Tensor leakyRelu(float negativeSlope) { return LeakyReluOp.apply(this, negativeSlope); }
    /** x·Φ(x), Φ the standard normal CDF: PyTorch's exact GELU (the erf form, not the tanh approximation). */
    public Tensor gelu() { return GeluOp.apply(this); }
    /** log(1 + eˣ), stable for any x; x itself above 20, as PyTorch's default threshold. */
    public Tensor softplus() { return SoftplusOp.apply(this); }

    // Comparisons give 0/1 masks that carry no gradient.
    /** 1 where this &gt; other, else 0 (broadcasting; no gradient). */
    public Tensor gt(Tensor other) { return compare(BinaryOp.GT, Objects.requireNonNull(other, "other"), "gt"); }
    /** 1 where this &gt; value, else 0. */
    public Tensor gt(float value) { return compare(BinaryOp.GT, scalar(value), "gt"); }
    /** 1 where this &lt; other, else 0 (broadcasting; no gradient). */
    public Tensor lt(Tensor other) { return compare(BinaryOp.LT, Objects.requireNonNull(other, "other"), "lt"); }
    /** 1 where this &lt; value, else 0. */
    public Tensor lt(float value) { return compare(BinaryOp.LT, scalar(value), "lt"); }
    /** 1 where this ≥ other, else 0 (broadcasting; no gradient). */
    public Tensor ge(Tensor other) { return compare(BinaryOp.GE, Objects.requireNonNull(other, "other"), "ge"); }
    /** 1 where this ≥ value, else 0. */
    public Tensor ge(float value) { return compare(BinaryOp.GE, scalar(value), "ge"); }
    /** 1 where this ≤ other, else 0 (broadcasting; no gradient). */
    public Tensor le(Tensor other) { return compare(BinaryOp.LE, Objects.requireNonNull(other, "other"), "le"); }
    /** 1 where this ≤ value, else 0. */
    public Tensor le(float value) { return compare(BinaryOp.LE, scalar(value), "le"); }
    /** 1 where this = other, else 0 (broadcasting; no gradient). */
    public Tensor eq(Tensor other) { return compare(BinaryOp.EQ, Objects.requireNonNull(other, "other"), "eq"); }
    /** 1 where this = value, else 0. */
    public Tensor eq(float value) { return compare(BinaryOp.EQ, scalar(value), "eq"); }
    /** 1 where this ≠ other, else 0 (broadcasting; no gradient). */
    public Tensor ne(Tensor other) { return compare(BinaryOp.NE, Objects.requireNonNull(other, "other"), "ne"); }
    /** 1 where this ≠ value, else 0. */
    public Tensor ne(float value) { return compare(BinaryOp.NE, scalar(value), "ne"); }

    private Tensor compare(BinaryOp op, Tensor other, String name) {
        return Elementwise.binary(op, this, other, name);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with PyTorch's rules: 2-d @ 2-d; a 1-d argument is a row (left) or column
     * (right) vector and its dimension is dropped from the result; higher ranks are batches of
     * matrices whose leading dimensions broadcast.
     */
    public Tensor matmul(Tensor other) { return MatMulOp.apply(this, Objects.requireNonNull(other, "other")); }
    /**
     * x·Wᵀ + b for a weight W of shape [out, in] and a bias of shape [out] (or null), as
     * PyTorch's {@code F.linear}: one op that reads W as it is stored, no transposed copy.
     */
    public Tensor linear(Tensor weight, Tensor bias) { return LinearOp.apply(this, Objects.requireNonNull(weight, "weight"), bias); }

    /**
     * {@code linear(weight, bias).relu()} in one op: the ReLU applied while the product is written,
     * the same numbers and gradients without the pre-activation tensor (what {@code nn.Sequential}
     * runs for a Linear followed by a ReLU).
     */
    public Tensor linearRelu(Tensor weight, Tensor bias) { return LinearOp.apply(this, Objects.requireNonNull(weight, "weight"), bias, true); }

    /** Swaps two dimensions (a copy). */
    public Tensor transpose(int dim0, int dim1) { return TransposeOp.apply(this, dim0, dim1); }
    /** Transpose of a tensor of rank ≤ 2. */
    public Tensor t() {
        if (shape.length > 2) {
            throw new IllegalArgumentException("t: expects a tensor of rank <= 2, but got shape " + Shapes.str(shape)
                    + "; use transpose(dim0, dim1)");
        }
        return shape.length < 2 ? this : transpose(0, 1);
    }

    // ---------------------------------------------------------------- convolution and pooling

    /**
     * 2-d convolution, as PyTorch's {@code F.conv2d(x, weight, bias, stride, padding)}: this tensor
     * x [N, C, H, W], weight [O, C, kH, kW], bias [O] or null; the result is
     * [N, O, (H + 2·padding - kH)/stride + 1, (W + 2·padding - kW)/stride + 1], with zero padding.
     * Computed as one matrix product per image (im2col; see docs/cnn.md).
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return Conv2dOp.apply(this, Objects.requireNonNull(weight, "weight"), bias, stride, padding);
    }
    /**
     * Max pooling of each plane of x [N, C, H, W] with a kernelSize x kernelSize window, as
     * {@code F.max_pool2d}: padding counts as -inf and may be at most kernelSize/2; the gradient
     * goes to the first maximum of each window in scan order.
     */
    public Tensor maxPool2d(int kernelSize, int stride, int padding) { return MaxPool2dOp.apply(this, kernelSize, stride, padding); }
    /**
     * Average pooling of each plane of x [N, C, H, W] with a kernelSize x kernelSize window, as
     * {@code F.avg_pool2d}: padding zeros count in the divisor (always kernelSize²), and padding may
     * be at most kernelSize/2.
     */
    public Tensor avgPool2d(int kernelSize, int stride, int padding) { return AvgPool2dOp.apply(this, kernelSize, stride, padding); }
    /**
     * Batch normalisation of each channel of x [N, C, ...], as PyTorch's {@code F.batch_norm(x,
     * runningMean, runningVar, weight, bias, training, momentum, eps)}: y = (x - mean)/√(var + eps)·weight + bias.
     * Training: the batch's mean and biased variance per channel (differentiable through them), and
     * <em>in place</em> runningMean and runningVar (when not null) become (1 - momentum)·running + momentum·batch,
     * with the unbiased variance. Eval: the running statistics. weight and bias [C] may be null.
     */
    public Tensor batchNorm(Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training, double momentum, double eps) {
        return BatchNormOp.apply(this, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() { return SumOp.all(this, 1f); }
    /** Sums along {@code dim}; {@code keepDim} keeps it as size 1. */
    public Tensor sum(int dim, boolean keepDim) { return SumOp.dim(this, dim, keepDim, false); }
    /** Mean of all elements (0-d). */
    public Tensor mean() { return SumOp.all(this, 1f / numel()); }
    /** Means along {@code dim}; {@code keepDim} keeps it as size 1. */
    public Tensor mean(int dim, boolean keepDim) { return SumOp.dim(this, dim, keepDim, true); }
    /**
     * Largest element (0-d); NaN if any element is NaN. Tied maxima share the gradient equally, as in
     * PyTorch (ties are common after relu). An empty tensor has no maximum: use {@link #max(int, boolean)}.
     */
    public Tensor max() { return MaxAllOp.apply(this); }
    /** Largest values along {@code dim}; the gradient flows to the first maximal element, as in PyTorch. */
    public Tensor max(int dim, boolean keepDim) { return MaxOp.apply(this, dim, keepDim); }
    /** Index of the first largest value along {@code dim}, as float values (exact below 2^24); no gradient. */
    public Tensor argmax(int dim) { return MaxOp.argmax(this, dim); }

    // Several dims at once: negative dims count from the end, none may repeat, and an empty array
    // reduces every dimension (as torch 1.13). One kernel call per run of adjacent reduced dims.
    /** Sums over {@code dims}; {@code keepDim} keeps them as size 1. */
    public Tensor sum(int[] dims, boolean keepDim) { return SumOp.dims(this, Objects.requireNonNull(dims, "dims"), keepDim, false); }
    /** Means over {@code dims} ([0, 2, 3] of [N, C, H, W]: one per channel); {@code keepDim} keeps them as size 1. */
    public Tensor mean(int[] dims, boolean keepDim) { return SumOp.dims(this, Objects.requireNonNull(dims, "dims"), keepDim, true); }
    /** Smallest element (0-d); the gradient is shared evenly among the elements equal to it, as PyTorch. */
    public Tensor min() { return MinOp.all(this); }
    /** Smallest values along {@code dim}; the gradient flows to the first minimal element. */
    public Tensor min(int dim, boolean keepDim) { return MinOp.dim(this, dim, keepDim); }
    /** Unbiased variance along {@code dim} (divisor n - 1, PyTorch's default); NaN when n = 1. */
    public Tensor var(int dim, boolean keepDim) { return var(new int[] {dim}, keepDim, true); }
    /** Variance along {@code dim}: divisor n - 1 when {@code unbiased} (NaN when n = 1), else n. */
    public Tensor var(int dim, boolean keepDim, boolean unbiased) { return var(new int[] {dim}, keepDim, unbiased); }
    /** Variance over {@code dims} together (n = the product of their sizes): divisor n - 1 when {@code unbiased}, else n. */
    public Tensor var(int[] dims, boolean keepDim, boolean unbiased) { return VarOp.apply(this, Objects.requireNonNull(dims, "dims"), keepDim, unbiased); }
    /** log Σ exp(x) along {@code dim}, computed stably (the maximum is subtracted first). */
    public Tensor logSumExp(int dim, boolean keepDim) { return LogSumExpOp.apply(this, dim, keepDim); }

    // ---------------------------------------------------------------- shape

    /** The same values in a new shape (one size may be -1); shares storage, like a view. */
    public Tensor reshape(int... newShape) {
        return ReshapeOp.apply(this, Shapes.infer(Objects.requireNonNull(newShape, "newShape"), numel(), "reshape"));
    }
    /** Flattens every dimension into one. */
    public Tensor flatten() { return flatten(0); }
    /** Flattens dimensions {@code startDim..} into one: [N, 1, 28, 28].flatten(1) is [N, 784]. */
    public Tensor flatten(int startDim) {
        if (shape.length == 0) return reshape(1);
        int d = Shapes.dim(startDim, shape.length, "flatten");
        int[] s = Arrays.copyOf(shape, d + 1);
        s[d] = Shapes.numel(Arrays.copyOfRange(shape, d, shape.length), "flatten");
        return reshape(s);
    }
    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        int d = Shapes.dim(dim, shape.length + 1, "unsqueeze");
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == d ? 1 : shape[j++];
        return reshape(s);
    }
    /** Removes dimension {@code dim} if its size is 1 (otherwise returns this tensor, as PyTorch). */
    public Tensor squeeze(int dim) {
        int d = Shapes.dim(dim, shape.length, "squeeze");
        return shape.length == 0 || shape[d] != 1 ? this : reshape(Shapes.reduce(shape, d, false));
    }
    /** Repeats dimensions of size 1 (and adds leading ones) to reach {@code newShape}; a copy. */
    public Tensor expand(int... newShape) {
        return ExpandOp.apply(this, Shapes.checked(Objects.requireNonNull(newShape, "newShape"), "expand"));
    }
    /** The entries at {@code indices} along {@code dim}, in that order: x.indexSelect(0, idx) picks rows. */
    public Tensor indexSelect(int dim, int... indices) {
        return IndexSelectOp.apply(this, dim, Objects.requireNonNull(indices, "indices"));
    }
    /** {@code length} consecutive entries along {@code dim}, from {@code start}. */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shapes.dim(dim, shape.length, "narrow");
        if (shape.length == 0) throw new IllegalArgumentException("narrow: cannot narrow a 0-d tensor");
        Shapes.checkRange(start, length, shape[d], "narrow", "dimension " + d);
        int[] idx = new int[length];
        for (int i = 0; i < length; i++) idx[i] = start + i;
        return indexSelect(d, idx);
    }

    /** The dimensions reordered (a copy): dimension i of the result is dimension dims[i] of this tensor. */
    public Tensor permute(int... dims) { return PermuteOp.apply(this, Objects.requireNonNull(dims, "dims")); }
    /** The tensors joined along {@code dim}; their other dimensions must match: cat(0, [2, 3], [4, 3]) is [6, 3]. */
    public static Tensor cat(int dim, Tensor... tensors) { return CatOp.apply(dim, tensors); }
    /** Tensors of one shape joined along a new dimension {@code dim}: stack(0, [2, 3], [2, 3]) is [2, 2, 3]. */
    public static Tensor stack(int dim, Tensor... tensors) { return StackOp.apply(dim, tensors); }

    // ---------------------------------------------------------------- softmax and cross-entropy

    /** exp(x) / Σ exp(x) along {@code dim}, computed stably. */
    public Tensor softmax(int dim) { return SoftmaxOp.apply(this, dim); }
    /** log(softmax(x)), computed stably for logits of any size. */
    public Tensor logSoftmax(int dim) { return LogSoftmaxOp.apply(this, dim); }
    /**
     * Per-row cross-entropy of logits [N, C] against integer labels in [0, C): a [N] tensor
     * of -log softmax(x)[label], fused and stable.
     */
    public Tensor crossEntropy(int[] labels) { return CrossEntropyOp.apply(this, Objects.requireNonNull(labels, "labels")); }

    // ---------------------------------------------------------------- autograd

    /** Starts (or stops) recording ops on this leaf for {@link #backward()}; returns this. */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: can only be changed on leaf tensors, but this tensor was "
                    + "produced by " + gradFn.name() + "; use detach() for a leaf copy");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /** True for a leaf marked with {@code requiresGrad(true)} and for every result computed from one. */
    public boolean requiresGrad() { return requiresGrad || gradFn != null; }
    /** True if no recorded op produced this tensor. */
    public boolean isLeaf() { return gradFn == null; }
    /** Name of the op that produced this tensor ({@code "MulBackward"}), or null for a leaf. */
    public String gradFn() { return gradFn == null ? null : gradFn.name(); }
    /** The accumulated gradient, or null until a backward reaches this tensor. */
    public synchronized Tensor grad() { return grad; }
    /** Forgets the gradient ({@link #grad()} returns null again), as PyTorch's set_to_none. */
    public synchronized void zeroGrad() { grad = null; }

    /** Backpropagates from this one-element tensor (the loss). */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for one-element outputs, "
                    + "but this tensor has shape " + Shapes.str(shape) + "; call backward(gradient) with a tensor "
                    + "of that shape");
        }
        backward(ones(shape), false);
    }

    /** Backpropagates {@code gradient} (same shape as this tensor: dLoss/dThis). */
    public void backward(Tensor gradient) { backward(Objects.requireNonNull(gradient, "gradient"), false); }

    /** As {@link #backward(Tensor)}; {@code retainGraph} keeps the graph usable for another backward. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Objects.requireNonNull(gradient, "gradient");
        if (!requiresGrad()) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no grad_fn; call "
                    + "requiresGrad(true) on the leaf tensors you want gradients for, outside noGrad()");
        }
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Shapes.str(gradient.shape)
                    + " does not match tensor shape " + Shapes.str(shape));
        }
        Engine.backward(this, gradient.detach(), retainGraph);
    }

    /** A leaf sharing this tensor's values, cut from the graph (no gradient flows back). */
    public Tensor detach() { return new Tensor(storage, shape); }

    /** Opens a scope in which no graph is recorded; close it (try-with-resources) to restore. */
    public static NoGrad noGrad() { return new NoGrad(); }

    /** False inside a {@link #noGrad()} scope on this thread. */
    public static boolean isGradEnabled() { return NoGrad.isGradEnabled(); }

    // ---------------------------------------------------------------- in place (optimisers, initialisers)

    /** In place: this += alpha·other (same shape). Returns this. */
    public Tensor add_(Tensor other, float alpha) {
        Objects.requireNonNull(other, "other");
        checkInPlace("add_", other);
        Kernels.active().axpy(alpha, other.data(), 0, data(), 0, numel());
        return this;
    }

    /** In place: this *= factor. Returns this. */
    public Tensor mul_(float factor) {
        checkInPlace("mul_", null);
        Elementwise.scaleInPlace(data(), factor);
        return this;
    }

    /** In place: copies {@code src}'s values (same shape) into this. Returns this. */
    public Tensor copy_(Tensor src) {
        Objects.requireNonNull(src, "src");
        checkInPlace("copy_", src);
        System.arraycopy(src.data(), 0, data(), 0, numel());
        return this;
    }

    /** In place: sets every element to {@code value}. Returns this. */
    public Tensor fill_(float value) {
        checkInPlace("fill_", null);
        Arrays.fill(data(), value);
        return this;
    }

    /** In place: sets every element to 0. Returns this. */
    public Tensor zero_() { return fill_(0f); }

    /** In place: fills with uniform values on [low, high). Returns this. */
    public Tensor uniform_(float low, float high, Rng rng) {
        Objects.requireNonNull(rng, "rng");
        checkInPlace("uniform_", null);
        return uniformFill(low, high, rng);
    }

    /** In place: fills with normal values N(mean, std²). Returns this. */
    public Tensor normal_(float mean, float std, Rng rng) {
        Objects.requireNonNull(rng, "rng");
        checkInPlace("normal_", null);
        return normalFill(mean, std, rng);
    }

    private Tensor uniformFill(float low, float high, Rng rng) {
        if (!(low <= high)) throw new IllegalArgumentException("uniform_: low " + low + " must be <= high " + high);
        rng.fillUniform(data(), low, high);
        return this;
    }

    private Tensor normalFill(float mean, float std, Rng rng) {
        if (!(std >= 0)) throw new IllegalArgumentException("normal_: std has to be >= 0, but got " + std);
        rng.fillNormal(data(), mean, std);
        return this;
    }

    /**
     * grad += g, for the engine, atomically: backward passes on several threads may reach this
     * leaf at once. The first gradient becomes the grad as it is when {@code owned} (a fresh
     * result of a backward rule that nothing else holds), and is copied otherwise, so a leaf's
     * grad never shares storage. An uncontended lock costs tens of nanoseconds, once per leaf and pass.
     */
    synchronized void accumulateGrad(Tensor g, boolean owned) {
        if (grad == null) {
            grad = owned ? new Tensor(g.storage, shape) : new Tensor(g.toArray(), shape);
        } else {
            grad.storage.version++;
            Kernels.active().axpy(1f, g.data(), 0, grad.data(), 0, grad.numel());
        }
    }

    private void checkInPlace(String op, Tensor other) {
        if (gradFn != null) {
            throw new IllegalStateException(op + ": in-place writes to a tensor produced by " + gradFn.name()
                    + " are not supported; use the out-of-place op");
        }
        if (requiresGrad && NoGrad.isGradEnabled()) {
            throw new IllegalStateException(op + ": a leaf tensor that requires grad cannot be modified in place while "
                    + "grad mode is on; do it inside try (NoGrad g = Tensor.noGrad()) { ... } as optimisers do");
        }
        if (other != null && !Arrays.equals(other.shape, shape)) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(shape) + " and "
                    + Shapes.str(other.shape) + " must be equal");
        }
        storage.version++;
    }

    // ---------------------------------------------------------------- printing

    /** PyTorch-style text: {@code tensor([[0., 1.], [2., 3.]], grad_fn=<AddBackward>)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /**
     * Graphviz DOT of the graph that produced this tensor, like micrograd's {@code draw_dot}: one
     * node per value (shape, data when at most 8 elements, grad if any), one per op
     * ({@code MulBackward}), edges input → op → output. Render with {@code dot -Tsvg}; see
     * {@link AutogradGraph} for the nodes and edges as data.
     */
    public String toDot() {
        return AutogradGraph.of(this).toDot();
    }
}
