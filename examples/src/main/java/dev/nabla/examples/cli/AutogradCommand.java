package dev.nabla.examples.cli;

import dev.nabla.core.AutogradGraph;
import dev.nabla.core.Tensor;
import dev.nabla.examples.viz.GraphFigure;
import dev.nabla.examples.viz.Pictures;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The worked example of docs/autograd.md: micrograd's README expression, then a tensor version. */
@Command(name = "autograd", mixinStandardHelpOptions = true,
        description = "The worked example of docs/autograd.md: builds micrograd's README expression, runs backward(), prints "
                + "every step. Read its source: examples/src/main/java/dev/nabla/examples/cli/AutogradCommand.java")
final class AutogradCommand implements Callable<Integer> {
    @Option(names = "--graph", paramLabel = "FILE", description = "Also draw the expression's graph with its values and gradients, as "
            + "micrograd's draw_dot: FILE.svg or FILE.png (drawn on the JVM, no Graphviz needed) or FILE.dot (Graphviz source).")
    Path graph;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String format = graph == null ? null : checkGraphFile();
        PrintWriter out = spec.commandLine().getOut();
        // 1. Leaves: the values we want gradients for.
        Tensor a = Tensor.scalar(-4f).requiresGrad(true);
        Tensor b = Tensor.scalar(2f).requiresGrad(true);
        // 2. The forward pass records a graph: each result remembers the op that made it.
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
        out.println("g = " + g + "      (micrograd's README: 24.7041)");
        // 3. backward() walks the graph from g back to the leaves, adding up dg/dx for every use of x.
        g.backward();
        out.println("dg/da = " + a.grad() + "   (micrograd: 138.8338)");
        out.println("dg/db = " + b.grad() + "   (micrograd: 645.5773)");
        if (graph != null) {
            Map<Tensor, String> names = new LinkedHashMap<>();
            Tensor[] named = {a, b, c, d, e, f, g};
            for (int i = 0; i < named.length; i++) names.put(named[i], String.valueOf((char) ('a' + i)));
            AutogradGraph drawn = AutogradGraph.of(g, names);
            writeGraph(drawn, format);
            out.printf(Locale.ROOT, "graph of g (%d nodes, %d edges) written to %s%n", drawn.nodes().size(), drawn.edges().size(), graph);
        }

        // The same machinery on tensors: a linear layer and a loss.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f}, 2, 3).requiresGrad(true);
        Tensor loss = x.matmul(w.t()).relu().sum();
        out.println();
        out.println("x =\n" + x);
        out.println("w =\n" + w);
        out.println("loss = relu(x @ w.T).sum() = " + loss);
        loss.backward();
        out.println("dloss/dw =\n" + w.grad() + "\n(row j is the sum of the rows of x where unit j was active: relu lets the gradient through only there)");
        return 0;
    }

    /** The format FILE's extension asks for; refuses other extensions and folders before any work is done. */
    private String checkGraphFile() {
        String name = graph.getFileName() == null ? "" : graph.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".svg") ? "svg" : name.endsWith(".png") ? "png" : name.endsWith(".dot") ? "dot" : null;
        if (format == null) {
            throw new ParameterException(spec.commandLine(), "--graph " + graph + ": the file name must end in .svg, .png or .dot");
        }
        if (Files.isDirectory(graph)) throw new ParameterException(spec.commandLine(), "--graph " + graph + " is a folder, not a file");
        Path parent = graph.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ParameterException(spec.commandLine(), "--graph " + graph + " cannot be written: " + p + " is a file, not a folder");
            }
        }
        try {
            AtomicFiles.checkWritable(parent);  // before the example runs, not after
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--graph " + graph + ": " + e.getMessage());
        }
        return format;
    }

    private void writeGraph(AutogradGraph drawn, String format) throws IOException {
        String title = "micrograd's README expression: g and its graph, after g.backward()";
        byte[] bytes = switch (format) {
            case "dot" -> drawn.toDot().getBytes(StandardCharsets.UTF_8);
            case "png" -> Pictures.png(GraphFigure.of(drawn, title));
            default -> Pictures.svg(GraphFigure.of(drawn, title)).getBytes(StandardCharsets.UTF_8);
        };
        AtomicFiles.write(graph, o -> o.write(bytes));
    }
}
