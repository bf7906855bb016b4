/**
 * Data loading: {@link dev.nabla.nn.data.Dataset} and {@link dev.nabla.nn.data.TensorDataset},
 * the mini-batch {@link dev.nabla.nn.data.DataLoader} with seeded shuffling, and the
 * {@link dev.nabla.nn.data.IdxFile} reader for MNIST-style files, and
 * {@link dev.nabla.nn.data.UnsignedBytes}, which turns a batch of 8-bit images into floats.
 */
package dev.nabla.nn.data;
