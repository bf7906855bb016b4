/**
 * Runnable d2l.ai chapters on Nabla: the dropout chapter on Fashion-MNIST, its experiment and
 * report, and the {@code nabla} command line. Subpackages: {@code data}, {@code d2l},
 * {@code experiment}, {@code cli}.
 */
package dev.nabla.examples;
