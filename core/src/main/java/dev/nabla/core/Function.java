package dev.nabla.core;

import java.util.Arrays;
import java.util.List;

/**
 * A node of the autograd graph: the op that produced a tensor, with its inputs, and the
 * backward rule for it. Each op subclass ({@code MulOp}, {@code MatMulOp}, ...: named as ops, so
 * that they are not mistaken for the layers of {@code dev.nabla.nn}) keeps its forward
 * ({@code static apply}) and its backward next to each other. Only the {@link Engine} adds
 * gradients up.
 */
abstract class Function {
    /** The op's inputs in order; a List, so that {@code a.add(a)} has input a twice. */
    final List<Tensor> inputs;
    private Tensor output;
    private int[] versions;
    private boolean released;

    Function(Tensor... inputs) {
        this.inputs = List.of(inputs);
    }

    /**
     * The gradient of the loss with respect to each input, given the gradient with respect to
     * this op's output: one per input, in order, null where {@link #needsGrad} is false.
     * Runs in a no-grad scope. Each result must be a fresh tensor or a view of {@code gradOutput}:
     * the engine may keep a fresh one as a leaf's gradient without copying it.
     */
    abstract Tensor[] backward(Tensor gradOutput);

    /** PyTorch-style name shown by {@code toString}: {@code MulOp} is {@code MulBackward}. */
    String name() {
        String op = getClass().getSimpleName();
        return op.substring(0, op.length() - "Op".length()) + "Backward";
    }

    final Tensor input(int i) {
        return inputs.get(i);
    }

    final boolean needsGrad(int i) {
        return inputs.get(i).requiresGrad();
    }

    /**
     * Returns {@code out}, connected to this node when grad mode is on and an input requires
     * grad. Records the storage versions of inputs and output to catch later in-place writes.
     */
    final Tensor attach(Tensor out) {
        if (!NoGrad.isGradEnabled() || inputs.stream().noneMatch(Tensor::requiresGrad)) return out;
        out.gradFn = this;
        versions = new int[inputs.size() + 1];
        for (int i = 0; i < inputs.size(); i++) versions[i] = inputs.get(i).storage.version;
        versions[inputs.size()] = out.storage.version;
        output = out;
        return out;
    }

    /**
     * Checks that this node can run its backward and, unless {@code retain}, marks it consumed, in
     * one atomic step: of two threads backpropagating through the same node without retaining the
     * graph, one fails instead of both adding their gradients.
     */
    final synchronized void use(boolean retain) {
        checkUsable();
        if (!retain) released = true;
    }

    /** Fails when this node was already consumed or a value it saved was overwritten in place. */
    private void checkUsable() {
        if (released) {
            throw new IllegalStateException("backward: trying to backward through the graph a second time: "
                    + name() + " was already consumed by an earlier backward(); call backward(gradient, true) "
                    + "(retainGraph) the first time if you need to run backward twice");
        }
        for (int i = 0; i <= inputs.size(); i++) {
            Tensor t = i < inputs.size() ? inputs.get(i) : output;
            if (t.storage.version != versions[i]) {
                throw new IllegalStateException("backward: a tensor of shape " + Arrays.toString(t.shape)
                        + " needed by " + name() + " was modified in place after it was used (version "
                        + t.storage.version + ", expected " + versions[i] + "); do in-place updates such as "
                        + "optimizer.step() after backward()");
            }
        }
    }
}
