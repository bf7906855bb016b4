package dev.nabla.core;

/**
 * The float array behind one or more tensors (a reshape is a view on the same storage), with a
 * version that every in-place write bumps, so backward can tell a saved value was overwritten.
 */
final class Storage {
    final float[] data;
    int version;

    Storage(float[] data) {
        this.data = data;
    }
}
