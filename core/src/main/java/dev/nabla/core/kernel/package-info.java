/**
 * The compute loops under the tensor ops, on plain {@code float[]} arrays: one matrix product
 * ({@code gemm}, with either operand transposed and an accumulate flag), elementwise maps with
 * broadcasting, reductions, the softmax family and data movement.
 *
 * <p>{@link dev.nabla.core.kernel.Kernels#active()} is the implementation in use: the portable
 * kernels (EJML and plain Java) or the Vector API kernels when the JVM offers
 * {@code jdk.incubator.vector}. {@code ReferenceKernels} holds the plainest
 * loop of each kernel, the definition the others are tested against. Kernels know nothing of
 * tensors; ops call them for their arithmetic.
 */
package dev.nabla.core.kernel;
