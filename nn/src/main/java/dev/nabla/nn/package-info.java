/**
 * Neural-network building blocks shaped like PyTorch's {@code torch.nn}:
 * {@link dev.nabla.nn.Module} (train/eval, parameters, state dicts), the layers
 * ({@link dev.nabla.nn.Linear}, {@link dev.nabla.nn.ReLU}, {@link dev.nabla.nn.Dropout}, ...),
 * {@link dev.nabla.nn.Sequential}, and {@link dev.nabla.nn.Functional} forms.
 *
 * <p>Import {@code dev.nabla.nn.Module} by name: a wildcard import clashes with
 * {@code java.lang.Module}.
 */
package dev.nabla.nn;
