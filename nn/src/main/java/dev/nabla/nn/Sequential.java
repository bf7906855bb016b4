package dev.nabla.nn;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /**
     * Applies the modules in order. A {@link Linear} directly followed by a {@link ReLU} (those
     * classes exactly, not subclasses) runs as one op with the ReLU fused into the product: the same
     * numbers and gradients, one pass and one tensor fewer.
     */
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "x");
        List<Module> modules = children();
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            if (m.getClass() == Linear.class && i + 1 < modules.size() && modules.get(i + 1).getClass() == ReLU.class) {
                x = ((Linear) m).forwardRelu(Objects.requireNonNull(x, "x"));
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }

    /**
     * d2l's shape check, {@code for layer in net: X = layer(X); print(layer.__class__.__name__,
     * 'output shape:', X.shape)}: passes {@code x} through the modules one by one and returns one
     * line per module with its class name and output shape, aligned:
     * <pre>
     * Conv2d output shape:    [1, 6, 28, 28]
     * Sigmoid output shape:   [1, 6, 28, 28]
     * AvgPool2d output shape: [1, 6, 14, 14]
     * </pre>
     * Runs in eval mode under no-grad, so BatchNorm's statistics stay as they are and a batch of
     * one image works; every module's mode is restored afterwards. A module that refuses the shape
     * it receives throws as in {@link #forward}, after the mode is restored.
     */
    public String trace(Tensor x) {
        List<String> names = new ArrayList<>(), shapes = new ArrayList<>();
        Map<String, Module> all = namedModules();
        List<Boolean> modes = new ArrayList<>();
        for (Module m : all.values()) modes.add(m.isTraining());
        eval();
        try (NoGrad g = Tensor.noGrad()) {
            for (Module m : children()) {
                x = m.forward(x);
                names.add(m.getClass().getSimpleName() + " output shape:");
                shapes.add(Arrays.toString(x.shape()));
            }
        } finally {
            int i = 0;
            for (Module m : all.values()) m.train(modes.get(i++));  // parents first: each descendant then sets its own
        }
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(names.get(i)).append(" ".repeat(width - names.get(i).length() + 1)).append(shapes.get(i));
        }
        return sb.toString();
    }
}
