package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelSelectorTest {

    @Test
    void portableCanAlwaysBeForced() {
        assertInstanceOf(PortableKernels.class, KernelSelector.select("portable"));
        assertEquals("portable (EJML)", KernelSelector.select(" Portable ").name());
    }

    @Test
    void activeKernelsFollowTheJvm() {
        // Surefire runs the suite twice: with --add-modules jdk.incubator.vector, and without it.
        String expected = KernelSelector.vectorApiAvailable() ? "vector" : "portable";
        String name = Kernels.active().name();
        assertEquals(true, name.startsWith(expected), name);
    }

    @Test
    void forcingVectorWithoutTheModuleSaysHowToFixIt() {
        org.junit.jupiter.api.Assumptions.assumeFalse(KernelSelector.vectorApiAvailable());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelSelector.select("vector"));
        assertEquals("the Vector API is not available in this JVM: start it with --add-modules jdk.incubator.vector "
                + "(the ./nabla launcher does), or set -Dnabla.kernels=portable", e.getMessage());
    }

    @Test
    void profilingRecordsCallsByKernel() {
        ProfilingKernels p = new ProfilingKernels(KernelSelector.portable());
        p.matmul(new float[6], 0, new float[6], 0, new float[4], 0, 2, 3, 2);
        p.matmul(new float[6], 0, new float[6], 0, new float[4], 0, 2, 3, 2);
        p.axpy(1f, new float[3], 0, new float[3], 0, 3);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        p.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String table = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, table.matches("(?s).*matmul 2x3x2\\s+2 .*"), table);
        assertEquals(true, table.matches("(?s).*axpy\\s+1 .*"), table);
    }

    @Test
    void unknownChoiceIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSelector.select("gpu"));
        assertEquals("-Dnabla.kernels must be auto, portable or vector, but got 'gpu'", e.getMessage());
    }
}
