package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nabla.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelSelectorTest {

    @Test
    void portableCanAlwaysBeForcedSilently() {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        assertInstanceOf(PortableKernels.class, KernelSelector.select("portable", new PrintStream(warnings)));
        assertEquals("portable (EJML)", KernelSelector.select(" Portable ", new PrintStream(warnings)).name());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void activeKernelsFollowTheJvm() {
        // Surefire runs the suite twice: with --add-modules jdk.incubator.vector, and without it.
        String expected = KernelSelector.vectorApiAvailable() ? "vector" : "portable";
        String name = Kernels.active().name();
        assertTrue(name.startsWith(expected), name);
    }

    @Test
    void forcingVectorWithoutTheModuleSaysHowToFixIt() {
        assumeFalse(KernelSelector.vectorApiAvailable());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelSelector.select("vector", System.err));
        assertEquals("the Vector API is not available in this JVM: start it with --add-modules jdk.incubator.vector "
                + "(the ./nabla launcher does), or set -Dnabla.kernels=portable", e.getMessage());
    }

    @Test
    void autoWithoutTheModuleWarnsWithTheFix() {
        assumeFalse(KernelSelector.vectorApiAvailable());
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        assertInstanceOf(PortableKernels.class, KernelSelector.select("auto", new PrintStream(warnings, true, StandardCharsets.UTF_8)));
        assertEquals(KernelSelector.SLOW_WARNING + System.lineSeparator(), warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownChoiceIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSelector.select("gpu", System.err));
        assertEquals("-Dnabla.kernels must be auto, portable or vector, but got 'gpu'", e.getMessage());
    }

    @Test
    void profileTimesEveryKernelThroughOneWrapper() {
        KernelProfile profile = new KernelProfile();
        Kernels p = profile.wrap(KernelSelector.portable());
        float[] c = new float[4];
        p.gemm(false, true, 2, 2, 3, new float[] {1, 2, 3, 4, 5, 6}, 0, new float[] {1, 0, 0, 0, 1, 0}, 0, c, 0, false);
        p.gemm(false, true, 2, 2, 3, new float[6], 0, new float[6], 0, new float[4], 0, false);
        p.axpy(1f, new float[3], 0, new float[3], 0, 3);
        assertArrayEquals(new float[] {1, 2, 4, 5}, c, "the call itself goes through");
        assertEquals(0, p.mask(1L, 0, 1f, new float[8], 8), "and so does its result");
        assertEquals("portable (EJML), profiled", p.name());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> p.axpy(1f, new float[1], 0, new float[1], 0, 2),
                "a kernel's own exception, not a reflection wrapper");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        profile.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.matches("(?s).*\ngemm NT 2x3x2\\s+2 .*"), table);
        assertTrue(table.matches("(?s).*\naxpy\\s+2 .*"), table);
        assertTrue(table.matches("(?s).*\nmask\\s+1 .*"), table);
        profile.reset();
        bytes.reset();
        profile.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("gemm"), "reset forgets the calls");
    }

    // ---- the choice as a user meets it: a fresh JVM without the Vector API module ----

    @Test
    void autoWarnsOnceOnStderrInAJvmWithoutTheModule() throws Exception {
        Result r = child();
        assertEquals("sum 6.0\nsum 6.0\n", r.out);
        assertEquals(KernelSelector.SLOW_WARNING + "\n", r.err, "one line, once");
    }

    @Test
    void choosingPortablePrintsNothing() throws Exception {
        Result r = child("-Dnabla.kernels=portable");
        assertEquals("sum 6.0\nsum 6.0\n", r.out);
        assertEquals("", r.err);
    }

    @Test
    void aBadChoiceFailsEveryCallWithOneClearLine() throws Exception {
        Result r = child("-Dnabla.kernels=bogus");
        String line = "java.lang.IllegalArgumentException: -Dnabla.kernels must be auto, portable or vector, but got 'bogus'\n";
        assertEquals(line + line, r.out, "the same message each time, not an ExceptionInInitializerError then NoClassDefFoundError");
        assertEquals("", r.err);
    }

    /** Runs {@link Child} in a new JVM started without {@code --add-modules jdk.incubator.vector}. */
    private static Result child(String... properties) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return new Result(out.replace(System.lineSeparator(), "\n"), err.replace(System.lineSeparator(), "\n"));
    }

    private record Result(String out, String err) {}

    /** Two small tensor computations, each printing its result or its exception's first line. */
    static final class Child {
        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try {
                    System.out.println("sum " + Tensor.ones(3).mul(2f).sum().item());
                } catch (RuntimeException | Error e) {
                    System.out.println(e.getClass().getName() + ": " + e.getMessage());
                }
            }
        }
    }
}
