package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Whatever fails, the user reads what failed and what to do, never a bare class name, path or "null". */
class ErrorLineTest {
    @Test
    void outOfMemorySaysHowToGiveJavaMore() {
        String line = ErrorLine.of(new OutOfMemoryError("Java heap space"));
        assertTrue(line.matches("out of memory: this run needs more than the [0-9.]+ [GM]B the Java heap may use\\. Use a smaller batch "
                + "\\(--batch-size\\) or, for the MLP, narrower layers \\(--hidden\\), or give Java more memory, e\\.g\\. "
                + "NABLA_JAVA_OPTS=-Xmx\\d+g"), line);
        // only the options the command has: batchnorm-demo has neither --hidden nor --batch-size
        line = ErrorLine.of(new OutOfMemoryError("Java heap space"), "batchnorm-demo");
        assertTrue(line.matches("out of memory: .* may use\\. Use smaller test batches \\(--batch-sizes\\), or give Java more memory, "
                + "e\\.g\\. NABLA_JAVA_OPTS=-Xmx\\d+g"), line);
        line = ErrorLine.of(new OutOfMemoryError("Java heap space"), "autograd");
        assertTrue(line.matches("out of memory: .* may use\\. Give Java more memory, e\\.g\\. NABLA_JAVA_OPTS=-Xmx\\d+g"), line);
    }

    @Test
    void wrappersAreUnwrappedToTheRootCause() {
        IllegalArgumentException root = new IllegalArgumentException("nabla.kernels must be auto, portable or vector, but got 'bogus'");
        assertEquals(root.getMessage(), ErrorLine.of(new ExceptionInInitializerError(root)));
        assertEquals(root.getMessage(), ErrorLine.of(new RuntimeException(new ExceptionInInitializerError(root))));
        assertEquals("disk on fire", ErrorLine.of(new UncheckedIOException(new IOException("disk on fire"))));
        assertEquals("cannot write a.csv: No space left on device",
                ErrorLine.of(new IOException("cannot write a.csv: No space left on device", new IOException("No space left on device"))),
                "an exception that says more than its cause keeps its own words");
    }

    @Test
    void fileProblemsNameThePathAndTheProblem() {
        assertEquals("/data/x.gz: no such file or folder", ErrorLine.of(new NoSuchFileException("/data/x.gz")));
        assertEquals("/data: permission denied", ErrorLine.of(new AccessDeniedException("/data")));
        assertEquals("/mnt/usb/a: Read-only file system", ErrorLine.of(new FileSystemException("/mnt/usb/a", null, "Read-only file system")));
        assertEquals("/a (and /b): the file system refused (FileSystemException)", ErrorLine.of(new FileSystemException("/a", "/b", null)));
    }

    @Test
    void bugsAreCalledBugsAndNullIsNeverPrinted() {
        String npe = ErrorLine.of(new NullPointerException());
        assertEquals("internal error (NullPointerException): please report it, with the output of the same command under NABLA_DEBUG=1", npe);
        assertFalse(ErrorLine.of(new IllegalStateException((String) null)).contains("null"));
        assertEquals("IllegalStateException", ErrorLine.of(new IllegalStateException((String) null)));
    }
}
