package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.data.TinyFashion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, errors as messages (never stack traces), and the demo's answer. */
class CliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code nabla COMMAND --data DATA ARGS...}: a command on a test's generated data. */
    static Result onData(Path data, String command, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = command;
        all[1] = "--data";
        all[2] = data.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: nabla"), r.out());
        for (String c : new String[] {"dropout-demo", "train", "experiment", "sweep", "bench", "autograd"}) assertTrue(r.out().contains(c), c);
        Result t = run("train", "--help");
        assertEquals(0, t.code());
        assertTrue(t.out().contains("--dropout=<dropout>") && t.out().contains("Default: 0.2,0.5"), t.out());
    }

    @Test
    void everyHelpFormatsWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            for (String c : new String[] {"dropout-demo", "train", "experiment", "sweep", "bench", "autograd"}) {
                assertEquals(0, run(c, "--help").code(), c);
            }
        } finally {
            System.setErr(saved);
        }
        assertFalse(warnings.toString().contains("picocli WARN"), warnings.toString());  // e.g. a bare % in a description
    }

    @Test
    void versionSaysWhichKernelsRun() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Nabla ") && r.out().contains("Kernels: "), r.out());
    }

    @Test
    void badOptionsGetAUsageMessageNotAStackTrace() {
        Result r = run("train", "--epochs", "abc");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Invalid value for option '--epochs': 'abc' is not an int"), r.err());
        assertTrue(r.err().contains("Usage: nabla train"), r.err());
        r = run("train", "--dropout", "1.5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dropout probability has to be between 0 and 1, but got 1.5"), r.err());
        r = run("train", "--hidden", "256", "--dropout", "0.2,0.5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("need one dropout probability per hidden layer: hidden [256], dropout [0.2, 0.5]"), r.err());
        r = run("dropout-demo", "--p", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dropout probability has to be between 0 and 1, but got 2.0"), r.err());
        r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unmatched argument at index 0: 'frobnicate'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void missingDataIsAOneLineError(@TempDir Path empty) {
        Result r = run("train", "--data", empty.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("nabla train: Fashion-MNIST: --data " + empty + " lacks train-images-idx3-ubyte(.gz)"), r.err());
        assertTrue(r.err().contains("(set NABLA_DEBUG=1 to see the stack trace)"));
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void dataThatIsNotFashionMnistIsRefusedByChecksum(@TempDir Path dir) throws Exception {
        TinyFashion.write(dir, 20, 10, true);
        Result r = run("experiment", "--data", dir.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(dir.resolve("train-images-idx3-ubyte.gz") + " is not the expected train-images-idx3-ubyte"), r.err());
        try (var left = Files.list(dir.resolve("runs"))) {
            assertEquals(0, left.count(), "the run folder, checked before the data, is removed when the data is refused");
        }
    }

    @Test
    void theAutogradTourReproducesMicrograd() {
        Result r = run("autograd");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("g = tensor(24.7041, grad_fn=<AddBackward>)"), r.out());
        assertTrue(r.out().contains("dg/da = tensor(138.8338)") && r.out().contains("dg/db = tensor(645.5773)"), r.out());
        assertTrue(r.out().contains("dloss/dw =\ntensor([[5., 7., 9.],\n        [4., 5., 6.]])"), r.out());
    }

    @Test
    void theDemoAnswersTheForumQuestion() {
        Result r = run("dropout-demo", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("X =\ntensor([[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11., 12., 13., 14., 15.]])"), out);
        assertTrue(out.contains("dropout_layer(X, 0.0)\ntensor([[ 0.,  1.,"), out);
        assertTrue(out.contains("dropout_layer(X, 1.0)\ntensor([[0., 0., 0., 0., 0., 0., 0., 0.],"), out);
        assertTrue(out.contains("What does the 0.5 mean?\n  p = 0.5 is the probability that each unit is DROPPED"), out);
        assertTrue(out.contains("mask (1 = kept, 0 = dropped) ="), out);
        assertTrue(out.matches("(?s).*dropped row 0: (none|columns [0-9, ]+); row 1: (none|columns [0-9, ]+) -> \\d+ of 16 units.*"), out);
        assertTrue(out.contains("scaled by 1/(1-p) = 2.0"), out);
        assertTrue(out.contains("Measured drop fraction over 10,000 calls x 16 units = 160,000 units"), out);
        assertTrue(out.contains("(expected 50.00%, standard error 0.13%)"), out);
        assertTrue(out.matches("(?s).*That is \\d+\\.\\d standard errors from p: .*"), out);
        assertTrue(out.contains("nn.Dropout returns its input unchanged (same tensor: true)"), out);
        assertEquals(out, run("dropout-demo", "--seed", "3").out(), "the same seed prints the same demo");
        assertTrue(run("dropout-demo", "--p", "0.2").out().contains("scaled by 1/(1-p) = 1.25"));
    }
}
