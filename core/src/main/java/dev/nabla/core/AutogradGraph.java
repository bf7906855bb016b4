package dev.nabla.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The graph behind a tensor, as micrograd's {@code draw_dot} shows it: one node per value (its
 * shape, its data when small, its gradient if it has one) and one node per op (PyTorch's name,
 * e.g. {@code MulBackward}), with edges input → op → output. Nodes are listed in topological
 * order (every input before the op that uses it), so the same graph always gets the same ids.
 * An input used twice ({@code a.add(a)}) gets two edges, as the engine counts it twice.
 *
 * @param nodes values and ops, inputs first; ids {@code n0, n1, ...} in this order
 * @param edges from input value to op, and from op to its output value
 */
public record AutogradGraph(List<Node> nodes, List<Edge> edges) {
    /** Values with at most this many elements show their data (and gradient). */
    public static final int MAX_SHOWN = 8;

    /** A value or an op. */
    public enum Kind { VALUE, OP }

    /**
     * One node. For a value, {@code name} is the caller's name or empty, {@code shape} is
     * {@code "scalar"} or like {@code "[2, 3]"}, and {@code data}/{@code grad} are formatted with
     * 4 decimals, or empty (too large to show; no gradient). For an op, {@code name} is its
     * PyTorch-style name and the other fields are empty.
     */
    public record Node(String id, Kind kind, String name, String shape, String data, String grad) {
        /** Every field is required (empty, not null, where there is nothing to show). */
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(grad, "grad");
        }
    }

    /** An arrow from node {@code from} to node {@code to} (ids). */
    public record Edge(String from, String to) {
        /** Both ends are required. */
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Defensive copies: the lists cannot be modified; neither they nor their entries may be null. */
    public AutogradGraph {
        nodes = List.copyOf(nonNullEntries(nodes, "nodes"));
        edges = List.copyOf(nonNullEntries(edges, "edges"));
    }

    private static <T> List<T> nonNullEntries(List<T> list, String name) {
        Objects.requireNonNull(list, name);
        for (int i = 0; i < list.size(); i++) Objects.requireNonNull(list.get(i), name + "[" + i + "]");
        return list;
    }

    /** The graph that produced {@code root}, with unnamed values. */
    public static AutogradGraph of(Tensor root) {
        return of(root, Map.of());
    }

    /**
     * The graph that produced {@code root}; values that are keys of {@code names} (compared by
     * identity) show that name, as micrograd's labels {@code a}, {@code b}, ...
     */
    public static AutogradGraph of(Tensor root, Map<Tensor, String> names) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(names, "names");
        Map<Tensor, String> byIdentity = new IdentityHashMap<>(names);
        Map<Tensor, String> valueIds = new IdentityHashMap<>(), opIds = new IdentityHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Tensor t : inputsFirst(root)) {
            if (t.gradFn != null) {
                String op = "n" + nodes.size();
                opIds.put(t, op);
                nodes.add(new Node(op, Kind.OP, t.gradFn.name(), "", "", ""));
                for (Tensor in : t.gradFn.inputs) edges.add(new Edge(valueIds.get(in), op));
            }
            String id = "n" + nodes.size();
            valueIds.put(t, id);
            nodes.add(value(id, t, byIdentity.getOrDefault(t, "")));
            if (t.gradFn != null) edges.add(new Edge(opIds.get(t), id));
        }
        return new AutogradGraph(nodes, edges);
    }

    /** Graphviz DOT, left to right as micrograd draws it: records for values, ellipses for ops. */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Node n : nodes) {
            if (n.kind() == Kind.OP) {
                sb.append("  ").append(n.id()).append(" [shape=ellipse, label=\"").append(quoted(n.name())).append("\"];\n");
                continue;
            }
            List<String> fields = new ArrayList<>();
            if (!n.name().isEmpty()) fields.add(n.name());
            fields.add(n.shape());
            if (!n.data().isEmpty()) fields.add("data " + n.data());
            if (!n.grad().isEmpty()) fields.add("grad " + n.grad());
            fields.replaceAll(AutogradGraph::recordField);
            sb.append("  ").append(n.id()).append(" [shape=record, label=\"{ ").append(String.join(" | ", fields)).append(" }\"];\n");
        }
        for (Edge e : edges) sb.append("  ").append(e.from()).append(" -> ").append(e.to()).append(";\n");
        return sb.append("}\n").toString();
    }

    private static Node value(String id, Tensor t, String name) {
        String shape = t.dim() == 0 ? "scalar" : Shapes.str(t.shape);
        boolean small = t.numel() <= MAX_SHOWN;
        String data = small ? format(t) : "";
        Tensor g = t.grad();
        String grad = g == null ? "" : small ? format(g) : "(" + g.numel() + " values)";
        return new Node(id, Kind.VALUE, name, shape, data, grad);
    }

    /** Tensors ordered so that each comes after every tensor its op read; iterative post-order DFS. */
    private static List<Tensor> inputsFirst(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            List<Tensor> inputs = t.gradFn == null ? List.of() : t.gradFn.inputs;
            if (i < inputs.size()) {
                next.push(i + 1);
                Tensor in = inputs.get(i);
                if (seen.add(in)) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /** 4 decimals, as micrograd's labels; nested brackets for tensors of one or more dimensions. */
    private static String format(Tensor t) {
        float[] d = t.toArray();
        if (t.dim() == 0) return String.format(Locale.ROOT, "%.4f", d[0]);
        StringBuilder sb = new StringBuilder();
        appendDim(sb, d, t.shape, 0, 0);
        return sb.toString();
    }

    private static int appendDim(StringBuilder sb, float[] d, int[] shape, int dim, int at) {
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) sb.append(", ");
            if (dim == shape.length - 1) sb.append(String.format(Locale.ROOT, "%.4f", d[at++]));
            else at = appendDim(sb, d, shape, dim + 1, at);
        }
        sb.append(']');
        return at;
    }

    /** Escapes what DOT's record labels treat as structure: braces, bars, angle brackets, quotes, backslashes. */
    private static String recordField(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("{}|<>\"\\".indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    /** Escapes a plain quoted DOT string. */
    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "AutogradGraph(" + nodes.size() + " nodes, " + edges.size() + " edges)";
    }
}
