/** Loss functions with PyTorch's reductions (mean, sum, none). */
package dev.nabla.nn.loss;
