/**
 * The compute loops under the tensor ops, on plain {@code float[]} arrays: one matrix product
 * ({@code gemm}, with either operand transposed and an accumulate flag), elementwise maps with
 * broadcasting, reductions, the softmax family, convolution and pooling over a
 * {@link dev.nabla.core.kernel.SlidingWindow}, and data movement.
 *
 * <p>{@link dev.nabla.core.kernel.Kernels#active()} is the implementation in use: the portable
 * kernels (EJML and plain Java) or the Vector API kernels when the JVM offers
 * {@code jdk.incubator.vector}. {@code ReferenceKernels} holds the plainest
 * loop of each kernel, the definition the others are tested against. Convolutions are lowered
 * onto the matrix product ({@code Im2Col}); on the Vector API, stride-1 convolutions read the
 * padded image in place instead ({@code VectorConv}, {@code VectorConvChannels}). Kernels know
 * nothing of tensors; ops call them for their arithmetic.
 *
 * <p>Kernels check nothing, for speed: the ops have checked nulls, shapes and bounds, and every
 * size and product of sizes a kernel receives fits in an int (core's {@code Shapes} computes them
 * exactly). Every kernel accepts sizes of 0 and then writes nothing (an empty sum writes 0).
 */
package dev.nabla.core.kernel;
