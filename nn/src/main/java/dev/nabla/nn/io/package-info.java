/**
 * Saving and loading: {@link dev.nabla.nn.io.SafeTensors} (weights in the format Python's
 * safetensors reads), {@link dev.nabla.nn.io.Checkpoint} (model, optimizer, epoch and random
 * state for resuming), {@link dev.nabla.nn.io.AtomicFiles} (writes that are never torn) and
 * {@link dev.nabla.nn.io.Sizes} (the exact size arithmetic every nn reader uses).
 *
 * <p>What these classes guarantee: a file is replaced atomically (readers, and a run killed
 * mid-write, see the old file or the whole new one); a reader trusts no header (sizes are computed
 * exactly and checked against the real file before anything is allocated, JSON is strict and
 * bounded, text must be valid UTF-8) and reports a bad file as an {@link java.io.IOException}
 * naming the file, the field and the value; loading a checkpoint restores everything or, on any
 * error, changes nothing.
 *
 * <p>Null arguments: every public method rejects null with a {@link java.lang.NullPointerException}
 * whose message is the argument's name ({@code "path"}), as {@code Objects.requireNonNull(x, "x")}
 * does; the same holds for {@code IdxFile} and {@code IdxArray}. JSON is read and written with
 * Jackson ({@code com.fasterxml.jackson.core:jackson-databind}).
 */
package dev.nabla.nn.io;
