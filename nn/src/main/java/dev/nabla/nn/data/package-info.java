/**
 * Data loading: {@link dev.nabla.nn.data.Dataset} and {@link dev.nabla.nn.data.TensorDataset},
 * the mini-batch {@link dev.nabla.nn.data.DataLoader} with seeded shuffling, and the
 * {@link dev.nabla.nn.data.IdxFile} reader for MNIST-style files, and
 * {@link dev.nabla.nn.data.UnsignedBytes}, which turns a batch of 8-bit images into floats.
 *
 * <p>Fashion-MNIST, found or fetched and always verified: {@link dev.nabla.nn.data.FashionMnist}
 * ({@code FashionMnist.load()}), {@link dev.nabla.nn.data.DataLocator} (lookup order and
 * download), {@link dev.nabla.nn.data.Checksums} (SHA-256 of the content) and
 * {@link dev.nabla.nn.data.ImageDataset} (bytes in memory, floats one batch at a time).
 */
package dev.nabla.nn.data;
