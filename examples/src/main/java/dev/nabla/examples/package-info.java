/**
 * Runnable d2l.ai chapters on Nabla: the dropout chapter on Fashion-MNIST, its experiment and
 * report, and the {@code nabla} command line. {@link dev.nabla.examples.FirstModel} is a whole
 * training program to copy and start from. Subpackages: {@code d2l} (the book's helpers),
 * {@code experiment}, {@code viz}, {@code cli}.
 */
package dev.nabla.examples;
