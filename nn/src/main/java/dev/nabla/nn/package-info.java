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
 */
package dev.nabla.nn;
