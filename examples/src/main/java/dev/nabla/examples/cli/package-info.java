/**
 * The {@code nabla} command line ({@link dev.nabla.examples.cli.Main}): {@code dropout-demo},
 * {@code train} and {@code experiment}, built with picocli. Every failure reaches the user as one
 * line naming what failed and what to do.
 */
package dev.nabla.examples.cli;
