/**
 * Parameter initialisers (normal, uniform, constant, Xavier/Glorot, Kaiming/He), each writing
 * a tensor in place under no-grad, as {@code torch.nn.init}.
 */
package dev.nabla.nn.init;
