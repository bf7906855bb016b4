/**
 * Data loading: {@link dev.nabla.nn.data.Dataset} and {@link dev.nabla.nn.data.TensorDataset},
 * the mini-batch {@link dev.nabla.nn.data.DataLoader} with seeded shuffling, and the
 * {@link dev.nabla.nn.data.IdxFile} reader for MNIST-style files.
 */
package dev.nabla.nn.data;
