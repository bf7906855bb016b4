/**
 * The compute loops under every tensor op: matrix products (NN, TN and NT forms), elementwise
 * maps with broadcasting, reductions, the softmax family and data movement, on plain
 * {@code float[]} arrays.
 *
 * <p>{@link dev.nabla.core.kernel.Kernels#active()} is the implementation in use:
 * {@link dev.nabla.core.kernel.PortableKernels} (EJML and plain Java) or the Vector API kernels
 * when the JVM offers {@code jdk.incubator.vector}. Ops never loop over data themselves, so a
 * faster implementation changes no op.
 */
package dev.nabla.core.kernel;
