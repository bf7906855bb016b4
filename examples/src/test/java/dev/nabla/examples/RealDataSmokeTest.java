package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.examples.d2l.Evaluation;
import dev.nabla.examples.d2l.Models;
import dev.nabla.examples.d2l.Trainer;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Metrics;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.io.Checkpoint;
import dev.nabla.nn.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real Fashion-MNIST, when Debian's dataset-fashion-mnist is installed (.ci/run installs
 * it): the published checksums match, one epoch of the book's model learns, and the copyable
 * {@link FirstModel} runs as a learner runs it.
 */
@EnabledIf("installed")
class RealDataSmokeTest {
    static boolean installed() {
        return Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz"));
    }

    @Test
    void oneEpochOfTheBooksModelLearns() throws Exception {
        FashionMnist fm = FashionMnist.load(FashionMnist.DEBIAN_DIR);  // verifies all four checksums
        assertEquals(60_000, fm.train().size());
        assertEquals(10_000, fm.test().size());
        Sequential net = Models.concise(new int[] {256, 256}, new double[] {0.2, 0.5}, new Rng(0));
        new Trainer(net, new SGD(net.parameters(), 0.5)).trainEpoch(new DataLoader(fm.train(), 256, true, 1), (d, t, l, a) -> {});
        Evaluation test = Trainer.evaluate(net, fm.test(), 1024);
        // after one epoch the book's model is near 0.7-0.8 (PyTorch reference: 0.72); chance is 0.1
        assertTrue(test.accuracy() > 0.65, "test accuracy after one epoch: " + test.accuracy());
    }

    @Test
    void theCopyableExampleTrainsAndSavesItsCheckpoint(@TempDir Path cwd) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-XX:+UseSerialGC"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstModel.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("NABLA_DATA", FashionMnist.DEBIAN_DIR.toString());  // the only place load() then looks
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);

        List<String> epochs = out.lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(10, epochs.size(), out);
        double testAcc = Double.parseDouble(epochs.get(9).substring(epochs.get(9).lastIndexOf(' ') + 1));
        assertTrue(testAcc > 0.83, "test accuracy after ten epochs of a 784-256-10 MLP: " + out);  // PyTorch 1.13: 0.845, 0.854 (seeds 0, 1)
        Path file = cwd.resolve("first-model.safetensors");
        assertTrue(out.contains("saved " + file.toRealPath()), out);

        Sequential net = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Dropout(0.2), new Linear(256, 10));
        assertEquals(10, Checkpoint.resume(file, net, new SGD(net.parameters(), 0.1), new Rng(0)), "the checkpoint resumes after epoch 10");
        assertEquals(testAcc, Metrics.accuracy(net, new DataLoader(FashionMnist.load(FashionMnist.DEBIAN_DIR).test(), 256)), 5e-5,
                "the saved weights are the ones measured");
    }
}
