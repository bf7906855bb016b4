package dev.nabla.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Reverse-mode differentiation: order the graph so every node comes after all nodes that use
 * its output, then walk it once, applying each node's backward rule and adding gradients up.
 * Each pass keeps its own bookkeeping, so passes on several threads may run at once; what they
 * share, leaves and nodes, synchronize ({@link Tensor#accumulateGrad}, {@link Function#use}).
 */
final class Engine {
    private Engine() {}

    static void backward(Tensor root, Tensor seed, boolean retainGraph) {
        if (root.gradFn == null) {  // a leaf: its gradient is the seed itself
            root.accumulateGrad(seed, false);  // the caller's tensor: never owned
            return;
        }
        Map<Function, Tensor> grads = new IdentityHashMap<>();
        grads.put(root.gradFn, seed);
        try (NoGrad noGrad = Tensor.noGrad()) {
            for (Function node : topologicalOrder(root.gradFn)) {
                Tensor gradOut = grads.remove(node);
                if (gradOut == null) continue;  // no path from the root carried a gradient here
                node.use(retainGraph);
                Tensor[] gradIn = node.backward(gradOut);
                for (int i = 0; i < gradIn.length; i++) {
                    Tensor input = node.input(i), g = gradIn[i];
                    if (g == null || !input.requiresGrad()) continue;
                    if (!Arrays.equals(g.shape, input.shape)) {
                        throw new IllegalStateException(node.name() + " returned a gradient of shape "
                                + Arrays.toString(g.shape) + " for an input of shape " + Arrays.toString(input.shape));
                    }
                    if (input.gradFn == null) input.accumulateGrad(g, owned(g, gradOut, gradIn, i));  // thread-safe
                    else grads.merge(input.gradFn, g, Tensor::add);  // dL/dx = Σ over every use of x
                }
            }
        }
    }

    /**
     * Backward rules return fresh tensors or views of their incoming gradient (see
     * {@link Function#backward}); a fresh one, returned once, belongs to the engine.
     */
    private static boolean owned(Tensor g, Tensor gradOut, Tensor[] all, int index) {
        if (g.storage == gradOut.storage) return false;
        for (int j = 0; j < all.length; j++) if (j != index && all[j] != null && all[j].storage == g.storage) return false;
        return true;
    }

    /** Nodes ordered root first, each before the nodes that produced its inputs; iterative DFS. */
    static List<Function> topologicalOrder(Function root) {
        List<Function> postOrder = new ArrayList<>();
        Set<Function> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Function> stack = new ArrayDeque<>();
        Deque<Integer> nextInput = new ArrayDeque<>();
        stack.push(root);
        nextInput.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Function node = stack.peek();
            int i = nextInput.pop();
            if (i < node.inputs.size()) {
                nextInput.push(i + 1);
                Function child = node.input(i).gradFn;
                if (child != null && visited.add(child)) {
                    stack.push(child);
                    nextInput.push(0);
                }
            } else {
                stack.pop();
                postOrder.add(node);  // all of node's inputs are already listed
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
