package dev.nabla.examples.cli;

import dev.nabla.core.Tensor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The worked example of docs/autograd.md: micrograd's README expression, then a tensor version. */
@Command(name = "autograd", mixinStandardHelpOptions = true,
        description = "The worked example of docs/autograd.md: builds micrograd's README expression, runs backward(), prints "
                + "every step. Read its source: examples/src/main/java/dev/nabla/examples/cli/AutogradCommand.java")
final class AutogradCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
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
}
