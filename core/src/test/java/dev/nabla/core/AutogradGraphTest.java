package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.AutogradGraph.Edge;
import dev.nabla.core.AutogradGraph.Kind;
import dev.nabla.core.AutogradGraph.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The graph export: nodes, edges, labels and order, on micrograd's expression and small graphs. */
class AutogradGraphTest {

    /** micrograd's README expression, with the final a, b, c, d, e, f, g named. */
    static AutogradGraph micrograd(boolean backward) {
        Tensor a = Tensor.scalar(-4f).requiresGrad(true), b = Tensor.scalar(2f).requiresGrad(true);
        Tensor c = a.add(b);
        Tensor d = a.mul(b).add(b.pow(3f));
        c = c.add(c.add(1f));
        c = c.add(c.add(1f).add(a.neg()));
        d = d.add(d.mul(2f).add(b.add(a).relu()));
        d = d.add(d.mul(3f).add(b.sub(a).relu()));
        Tensor e = c.sub(d);
        Tensor f = e.pow(2f);
        Tensor g = f.div(2f);
        g = g.add(Tensor.scalar(10f).div(f));
        if (backward) g.backward();
        Map<Tensor, String> names = new HashMap<>();
        Tensor[] named = {a, b, c, d, e, f, g};
        for (int i = 0; i < named.length; i++) names.put(named[i], String.valueOf((char) ('a' + i)));
        return AutogradGraph.of(g, names);
    }

    @Test
    void microgradsExpressionHasOneNodePerValueAndOp() {
        AutogradGraph graph = micrograd(true);
        // 25 ops; values: their 25 outputs, the leaves a and b, and six constants (1, 1, 2, 3, 2, 10)
        assertEquals(25, graph.nodes().stream().filter(n -> n.kind() == Kind.OP).count());
        assertEquals(33, graph.nodes().stream().filter(n -> n.kind() == Kind.VALUE).count());
        // 20 binary ops (2 inputs each) + 5 unary (Pow x2, Neg, Relu x2), and one edge op -> output per op
        assertEquals(20 * 2 + 5 + 25, graph.edges().size());
        Map<String, Long> ops = graph.nodes().stream().filter(n -> n.kind() == Kind.OP)
                .collect(Collectors.groupingBy(Node::name, TreeMap::new, Collectors.counting()));
        assertEquals("{AddBackward=13, DivBackward=2, MulBackward=3, NegBackward=1, PowBackward=2, ReluBackward=2, "
                + "SubBackward=2}", ops.toString());

        Node a = named(graph, "a"), b = named(graph, "b"), g = named(graph, "g");
        assertEquals(new Node(a.id(), Kind.VALUE, "a", "scalar", "-4.0000", "138.8338"), a);
        assertEquals(new Node(b.id(), Kind.VALUE, "b", "scalar", "2.0000", "645.5773"), b);
        assertEquals(new Node(g.id(), Kind.VALUE, "g", "scalar", "24.7041", ""), g, "only leaves keep a grad, as in PyTorch");
        assertEquals(g, graph.nodes().get(graph.nodes().size() - 1), "the root comes last");
        assertEquals(2, graph.nodes().stream().filter(n -> !n.grad().isEmpty()).count());

        String dot = micrograd(true).toDot();
        assertEquals(dot, graph.toDot(), "the same graph gets the same ids");
        assertTrue(dot.startsWith("digraph autograd {\n  rankdir=LR;\n"), dot);
        assertTrue(dot.contains("  " + a.id() + " [shape=record, label=\"{ a | scalar | data -4.0000 | grad 138.8338 }\"];\n"), dot);
        assertTrue(dot.contains("  " + g.id() + " [shape=record, label=\"{ g | scalar | data 24.7041 }\"];\n"), dot);
        assertTrue(dot.contains(" [shape=ellipse, label=\"ReluBackward\"];\n"), dot);
        assertEquals(70, dot.lines().filter(l -> l.contains(" -> ")).count());
        assertTrue(dot.endsWith("}\n"));
    }

    @Test
    void everyEdgeGoesFromAnEarlierNodeToALaterOne() {
        AutogradGraph graph = micrograd(false);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            assertEquals("n" + i, graph.nodes().get(i).id());
            index.put(graph.nodes().get(i).id(), i);
        }
        for (Edge e : graph.edges()) {
            assertTrue(index.get(e.from()) < index.get(e.to()), e.toString());
            assertTrue(graph.nodes().get(index.get(e.from())).kind() != graph.nodes().get(index.get(e.to())).kind(),
                    "edges alternate value -> op -> value: " + e);
        }
        assertEquals("", named(graph, "a").grad(), "no backward yet: no grad");
    }

    @Test
    void anInputUsedTwiceGetsTwoEdges() {
        Tensor a = Tensor.scalar(3f).requiresGrad(true);
        Tensor b = a.add(a);
        assertEquals(List.of(new Edge("n0", "n1"), new Edge("n0", "n1"), new Edge("n1", "n2")), AutogradGraph.of(b).edges());
        assertEquals("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                + "  n0 [shape=record, label=\"{ scalar | data 3.0000 }\"];\n"
                + "  n1 [shape=ellipse, label=\"AddBackward\"];\n"
                + "  n2 [shape=record, label=\"{ scalar | data 6.0000 }\"];\n"
                + "  n0 -> n1;\n  n0 -> n1;\n  n1 -> n2;\n}\n", b.toDot());
    }

    @Test
    void smallTensorsShowTheirDataLargeOnesTheirShape() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor x = Tensor.ones(3, 3);
        Tensor y = w.matmul(x).sum();
        y.backward();
        AutogradGraph graph = AutogradGraph.of(y, Map.of(w, "w"));
        Node wNode = named(graph, "w");
        assertEquals("[2, 3]", wNode.shape());
        assertEquals("[[1.0000, 2.0000, 3.0000], [4.0000, 5.0000, 6.0000]]", wNode.data());
        assertEquals("[[3.0000, 3.0000, 3.0000], [3.0000, 3.0000, 3.0000]]", wNode.grad());
        Node xNode = graph.nodes().get(1);
        assertEquals(new Node("n1", Kind.VALUE, "", "[3, 3]", "", ""), xNode, "9 elements: shape only");
        Tensor big = Tensor.ones(3, 3).requiresGrad(true);
        big.mul(2f).sum().backward();
        assertEquals("(9 values)", AutogradGraph.of(big).nodes().get(0).grad());
    }

    @Test
    void labelsAreEscaped() {
        Tensor a = Tensor.scalar(1f).requiresGrad(true);
        String dot = AutogradGraph.of(a.neg(), Map.of(a, "x{1} | \"y\" <z>")).toDot();
        assertTrue(dot.contains("label=\"{ x\\{1\\} \\| \\\"y\\\" \\<z\\> | scalar | data 1.0000 }\""), dot);
    }

    @Test
    void aLeafIsAGraphOfOneNode() {
        assertEquals("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                + "  n0 [shape=record, label=\"{ [2] | data [1.0000, 2.0000] }\"];\n}\n", Tensor.of(new float[] {1, 2}, 2).toDot());
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = Tensor.scalar(1f).requiresGrad(true);
        for (int i = 0; i < 100_000; i++) x = x.mul(1f);
        AutogradGraph graph = AutogradGraph.of(x);
        assertEquals(1 + 2 * 100_000 + 100_000, graph.nodes().size());
        assertEquals(3 * 100_000, graph.edges().size());
    }

    private static Node named(AutogradGraph graph, String name) {
        return graph.nodes().stream().filter(n -> n.name().equals(name) && n.kind() == Kind.VALUE).findFirst().orElseThrow();
    }
}
