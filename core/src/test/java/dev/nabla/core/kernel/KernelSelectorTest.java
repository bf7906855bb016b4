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
    void unknownChoiceIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSelector.select("gpu"));
        assertEquals("-Dnabla.kernels must be auto, portable or vector, but got 'gpu'", e.getMessage());
    }
}
