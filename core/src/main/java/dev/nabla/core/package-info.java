/**
 * Tensors and reverse-mode automatic differentiation.
 *
 * <p>{@link dev.nabla.core.Tensor} is the public face: factories, elementwise maths with
 * broadcasting, matmul, convolution and pooling, reductions, softmax and cross-entropy, shape
 * ops (reshape, permute, cat, stack), and {@code backward()}. Behind it,
 * every op is a small package-private class named as an op ({@code MulOp}, {@code MatMulOp})
 * holding its forward ({@code apply}) and backward side by side, and calling the kernels of
 * {@link dev.nabla.core.kernel} for its arithmetic; {@code Engine} orders the graph and adds
 * gradients up. {@link dev.nabla.core.Rng}
 * makes every random result reproducible; {@link dev.nabla.core.GradCheck} checks any op's
 * backward against finite differences.
 *
 * <p>What core guarantees:
 * <ul>
 * <li>Null arguments: every public constructor and method rejects null with a
 *     {@link java.lang.NullPointerException} whose message is the argument's name ({@code "other"},
 *     {@code "rows[1]"}), as {@code Objects.requireNonNull(x, "x")} does, before anything else
 *     happens; nn uses the same convention. Where null is documented as legal (the bias of
 *     {@code linear}), it stays legal. The kernels of {@link dev.nabla.core.kernel} are the layer
 *     under these checks and check nothing.
 * <li>Exact sizes: every element count, product of sizes and bound is computed exactly in one
 *     place ({@code Shapes}); a size that does not fit one Java array (2³¹ - 9 elements) is an
 *     {@link java.lang.IllegalArgumentException} naming the op, the shape and the true count,
 *     never a count that wrapped around.
 * <li>Zero-size tensors go through every op and its backward as in PyTorch: the sum of nothing is
 *     0, the mean NaN, a product with an inner size of 0 gives zeros, and a maximum over an empty
 *     dimension is refused with a clear message.
 * <li>Threads: tensors are immutable to users and may be shared; backward passes on several threads
 *     add every gradient into shared leaves; {@link dev.nabla.core.Rng} (the default generator too)
 *     is synchronized; grad mode ({@link dev.nabla.core.NoGrad}) is per thread, and a scope closed
 *     on another thread is refused. In-place methods ({@code _}) and {@code zeroGrad()} must not
 *     race with other use of the same tensor.
 * </ul>
 */
package dev.nabla.core;
