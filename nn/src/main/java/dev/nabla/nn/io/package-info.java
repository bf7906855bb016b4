/**
 * Saving and loading: {@link dev.nabla.nn.io.SafeTensors} (weights in the format Python's
 * safetensors reads), {@link dev.nabla.nn.io.Checkpoint} (model, optimizer, epoch and random
 * state for resuming) and {@link dev.nabla.nn.io.AtomicFiles} (writes that are never torn).
 */
package dev.nabla.nn.io;
