package dev.nabla.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * "Pure Java 17", as the README says, whichever JDK builds Nabla: the class files of every module,
 * the Vector API kernels among them, are version 61 (Java 17). CI builds with Java 17 and 25.
 */
class ReleaseTargetTest {
    static final int JAVA_17 = 61;

    @Test
    void everyModuleIsCompiledForJava17() throws IOException {
        for (String c : new String[] {"dev.nabla.core.Tensor", "dev.nabla.core.kernel.VectorKernels", "dev.nabla.nn.Module",
                "dev.nabla.examples.cli.Main"}) {
            assertEquals(JAVA_17, majorVersion(c), c + " (built with Java " + System.getProperty("java.version") + ")");
        }
    }

    static int majorVersion(String className) throws IOException {
        try (InputStream in = ReleaseTargetTest.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) throw new IOException("no class file for " + className + " on the class path");
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            if (magic != 0xCAFEBABE) throw new IOException(className + " is not a class file (magic " + Integer.toHexString(magic) + ")");
            d.readUnsignedShort();   // minor version
            return d.readUnsignedShort();
        }
    }
}
