/**
 * Neural-network building blocks shaped like PyTorch's {@code torch.nn}:
 * {@link dev.nabla.nn.Module} (train/eval, parameters, buffers, state dicts), the layers
 * ({@link dev.nabla.nn.Linear}, {@link dev.nabla.nn.Conv2d}, {@link dev.nabla.nn.MaxPool2d},
 * {@link dev.nabla.nn.AvgPool2d}, {@link dev.nabla.nn.BatchNorm1d}, {@link dev.nabla.nn.BatchNorm2d},
 * {@link dev.nabla.nn.ReLU}, {@link dev.nabla.nn.Dropout}, ...), {@link dev.nabla.nn.Sequential}
 * (with d2l's shape {@link dev.nabla.nn.Sequential#trace trace}), {@link dev.nabla.nn.Functional} forms, and
 * {@link dev.nabla.nn.Metrics} (accuracy, as d2l's {@code accuracy} and {@code evaluate_accuracy}).
 *
 * <p>Import {@code dev.nabla.nn.Module} by name: a wildcard import clashes with
 * {@code java.lang.Module}.
 *
 * <p>Null arguments: every public constructor and method (and a module's protected
 * {@code register...} methods) rejects null with a {@link java.lang.NullPointerException} whose
 * message is the argument's name ({@code "x"}, {@code "modules[1]"}), as
 * {@code Objects.requireNonNull(x, "x")} does, before anything changes; core and nn's other
 * packages follow the same convention.
 *
 * <p>Threads: a module is not thread-safe. Build it, train it and switch its mode from one thread at
 * a time, as in PyTorch; layers that keep state in {@code forward} ({@link dev.nabla.nn.Dropout}
 * counts its calls and keeps its last mask) must not run on several threads at once. The tensors
 * and the default generator they draw from are thread-safe (see {@code dev.nabla.core}).
 */
package dev.nabla.nn;
