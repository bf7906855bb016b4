/**
 * Loss functions with PyTorch's reductions (mean, sum, none): {@link dev.nabla.nn.loss.CrossEntropyLoss},
 * {@link dev.nabla.nn.loss.NLLLoss}, {@link dev.nabla.nn.loss.BCEWithLogitsLoss}, {@link dev.nabla.nn.loss.MSELoss},
 * {@link dev.nabla.nn.loss.L1Loss} and {@link dev.nabla.nn.loss.HuberLoss}.
 */
package dev.nabla.nn.loss;
