package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** Modules applied one after another; children are named "0", "1", ... as in PyTorch. */
public class Sequential extends Module {
    private int size;

    /** The modules, applied in this order. */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "modules");
        for (int i = 0; i < modules.length; i++) Objects.requireNonNull(modules[i], "modules[" + i + "]");
        for (Module m : modules) append(m);
    }

    /** Adds a module at the end. Returns this. */
    public Sequential append(Module module) {
        Objects.requireNonNull(module, "module");
        registerModule(Integer.toString(size++), module);
        return this;
    }

    /** The i-th module (negative counts from the end). */
    public Module get(int i) {
        int j = i < 0 ? i + size : i;
        if (j < 0 || j >= size) {
            throw new IndexOutOfBoundsException("Sequential: index " + i + " is out of range for " + size + " modules");
        }
        return namedChildren().get(Integer.toString(j));
    }

    /** Number of modules. */
    public int size() {
        return size;
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "x");
        for (Module m : children()) x = m.forward(x);
        return x;
    }
}
