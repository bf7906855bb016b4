/**
 * The {@code nabla} command line ({@link dev.nabla.examples.cli.Main}): {@code dropout-demo},
 * {@code train} and {@code experiment}, built with picocli.
 */
package dev.nabla.examples.cli;
