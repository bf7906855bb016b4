package dev.nabla.nn.data;

/**
 * One file of a dataset: its name without {@code .gz} and the SHA-256 of its decompressed
 * content, which is the same however the file was gzipped or repackaged.
 */
public record DataFile(String name, String sha256) {}
