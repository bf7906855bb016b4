/**
 * The d2l.ai dropout chapter in Java: the from-scratch {@link dev.nabla.examples.d2l.DropoutLayer},
 * the book's {@link dev.nabla.examples.d2l.ScratchNet}, the concise model in
 * {@link dev.nabla.examples.d2l.Models}, and d2l's training loop in {@link dev.nabla.examples.d2l.Trainer},
 * which stops a run whose loss or weights stop being finite with a
 * {@link dev.nabla.examples.d2l.DivergedException}.
 */
package dev.nabla.examples.d2l;
