/**
 * The d2l.ai helpers and the dropout chapter in Java. {@link dev.nabla.examples.d2l.D2l} has the
 * functions a reader of the book calls ({@code loadDataFashionMnist}, {@code trainCh3}), with
 * {@link dev.nabla.examples.d2l.Animator} for the live plot. The chapter: the from-scratch
 * {@link dev.nabla.examples.d2l.DropoutLayer}, the book's {@link dev.nabla.examples.d2l.ScratchNet},
 * the concise model in {@link dev.nabla.examples.d2l.Models}, and the one training loop,
 * {@link dev.nabla.examples.d2l.Trainer}, which stops a run whose loss or weights stop being finite
 * with a {@link dev.nabla.examples.d2l.DivergedException}.
 */
package dev.nabla.examples.d2l;
