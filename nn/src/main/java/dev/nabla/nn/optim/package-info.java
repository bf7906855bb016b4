/**
 * Optimisers with PyTorch's update rules ({@link dev.nabla.nn.optim.SGD} with momentum, Nesterov
 * and weight decay; {@link dev.nabla.nn.optim.Adam}) and parameter groups with their own
 * hyperparameters.
 */
package dev.nabla.nn.optim;
