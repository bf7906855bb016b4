package dev.nabla.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./nabla shell}, the real launcher, on the jars that {@code package} just built
 * ({@code NABLA_NO_BUILD=1}: no Maven inside Maven), with the JDK running this test: a snippet
 * piped in uses Nabla's imports (Module by name, the d2l helpers), its classes, and the Vector API
 * in the JVM that runs the snippets.
 */
class NablaShellIT {
    static final String SNIPPET = """
            Module net = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
            System.out.println("parameters=" + net.numParameters());
            Tensor y = net.forward(Tensor.ones(5, 4));
            System.out.println("shape=" + Arrays.toString(y.shape()));
            System.out.println("d2l=" + Models.concise(new int[] {8}, new double[] {0.5}, new Rng(1)).numParameters());
            System.out.println("vector=" + dev.nabla.core.kernel.KernelSelector.vectorApiAvailable());
            /exit
            """;

    @Test
    void aSnippetPipedIntoTheShellRuns() throws IOException, InterruptedException {
        Path root = Repository.root();
        Path log = Files.createTempFile("nabla-shell", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("nabla").toString(), "shell")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("NABLA_NO_BUILD", "1");
        pb.environment().remove("NABLA_JAVA_OPTS");
        Process p = pb.start();
        p.getOutputStream().write(SNIPPET.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = Files.readString(log);
        Files.delete(log);
        assertTrue(done, "./nabla shell did not exit within 120 s:\n" + out);
        assertEquals(0, p.exitValue(), out);

        assertTrue(out.startsWith("Nabla shell. Imported: dev.nabla.core.*, dev.nabla.nn.* (Module by name), "), out);
        assertTrue(out.contains("Vector API: on."), out);
        assertFalse(out.contains("Error:") || out.contains("Exception"), out);
        assertTrue(out.contains("parameters=23\n"), out);         // (4·3 + 3) + (3·2 + 2)
        assertTrue(out.contains("shape=[5, 2]\n"), out);
        assertTrue(out.contains("d2l=6370\n"), out);              // (784·8 + 8) + (8·10 + 10)
        assertTrue(out.contains("vector=true\n"), out);
    }
}
