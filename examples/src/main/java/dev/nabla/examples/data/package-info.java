/**
 * Fashion-MNIST, found or fetched and always verified: {@link dev.nabla.examples.data.DataLocator}
 * (lookup order and download), {@link dev.nabla.examples.data.Checksums} (SHA-256 of the content)
 * and {@link dev.nabla.examples.data.ImageDataset} (bytes in memory, floats one batch at a time).
 */
package dev.nabla.examples.data;
