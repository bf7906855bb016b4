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
 */
package dev.nabla.core;
