package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.Adam;
import dev.nabla.nn.optim.AdamW;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint with a missing, mistyped or misshapen field is refused by name, and nothing changes. */
class CheckpointValidationTest {
    @TempDir
    Path dir;

    private final Tensor x = Tensor.randn(new Rng(1), 8, 4);
    private final int[] y = {0, 1, 2, 0, 1, 2, 0, 1};

    private static Sequential model() {
        return new Sequential(new Linear(4, 16, true, new Rng(7)), new ReLU(), new Linear(16, 3, true, new Rng(8)));
    }

    private void train(Sequential net, Optimizer opt, int steps) {
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            new CrossEntropyLoss().forward(net.forward(x), y).backward();
            opt.step();
        }
    }

    /** A checkpoint of two steps of {@code opt} on a fresh model, rewritten by {@code edit} (metadata, tensors). */
    private Path checkpoint(Optimizer opt, Sequential net, Consumer<SafeTensors.Content> edit) throws IOException {
        train(net, opt, 2);
        Path p = dir.resolve("c" + System.nanoTime() + ".safetensors");
        Checkpoint.save(p, net, opt, 2, new Rng(5));
        SafeTensors.Content c = SafeTensors.read(p);
        edit.accept(c);
        SafeTensors.save(p, c.tensors(), c.metadata());
        return p;
    }

    private Path sgdCheckpoint(Consumer<SafeTensors.Content> edit) throws IOException {
        Sequential net = model();
        return checkpoint(new SGD(net.parameters(), 0.1, 0.9, 1e-4), net, edit);
    }

    /** Everything resume may change, as values. */
    private static List<Object> snapshot(Sequential net, Optimizer opt, Rng rng) {
        List<Object> s = new ArrayList<>();
        net.stateDict().forEach((k, v) -> s.add(k + "=" + java.util.Arrays.toString(v.toArray())));
        opt.stateDict().forEach((k, v) -> s.add(k + "=" + java.util.Arrays.toString(v.toArray())));
        opt.paramGroups().forEach(g -> s.add(g.options()));
        s.add(java.util.Arrays.toString(rng.getState()));
        return s;
    }

    /** The message of resuming {@code p} into a trained SGD run, after checking the run did not change. */
    private String refused(Path p) {
        Sequential net = model();
        SGD opt = new SGD(net.parameters(), 0.3, 0.5, 0);
        train(net, opt, 1);
        Rng rng = new Rng(11);
        return refused(p, net, opt, rng);
    }

    private String refused(Path p, Sequential net, Optimizer opt, Rng rng) {
        List<Object> before = snapshot(net, opt, rng);
        String message = assertThrows(IOException.class, () -> Checkpoint.resume(p, net, opt, rng)).getMessage();
        assertEquals(before, snapshot(net, opt, rng), "resume changed something before failing: " + message);
        return message.replace(p.toString(), "F");
    }

    private static Consumer<SafeTensors.Content> meta(String key, String value) {
        return c -> {
            if (value == null) c.metadata().remove(key);
            else c.metadata().put(key, value);
        };
    }

    private static final String GROUP = "{\"lr\":0.1,\"momentum\":0.9,\"dampening\":0.0,\"weightDecay\":1.0E-4,\"nesterov\":false}";

    private static Consumer<SafeTensors.Content> group(String from, String to) {
        return meta("optimizer.groups", "[" + GROUP.replace(from, to) + "]");
    }

    @Test
    void missingOrMistypedMetadataIsNamed() throws IOException {
        assertEquals("checkpoint F: metadata field 'rng' is missing", refused(sgdCheckpoint(meta("rng", null))));
        assertEquals("checkpoint F: metadata field 'epoch' is missing", refused(sgdCheckpoint(meta("epoch", null))));
        assertEquals("checkpoint F: metadata field 'epoch' is \"three\", not a whole number >= 0", refused(sgdCheckpoint(meta("epoch", "three"))));
        assertEquals("checkpoint F: metadata field 'rng' is \"1,2\", not the state of a random generator (setState: not an Rng "
                + "state (expected the 6 values of getState()))", refused(sgdCheckpoint(meta("rng", "1,2"))));
        assertEquals("checkpoint F: metadata field 'rng' is \"a,b\", not the state of a random generator (For input string: \"a\")",
                refused(sgdCheckpoint(meta("rng", "a,b"))));
        assertEquals("checkpoint F: metadata field 'optimizer' is missing", refused(sgdCheckpoint(meta("optimizer", null))));
        assertEquals("checkpoint F: metadata field 'optimizer.groups' is missing", refused(sgdCheckpoint(meta("optimizer.groups", null))));
        assertEquals("checkpoint F is not a Nabla checkpoint (format nabla-checkpoint-1, expected nabla-checkpoint-2): it was "
                + "written by another version of Nabla", refused(sgdCheckpoint(meta("format", "nabla-checkpoint-1"))));
    }

    @Test
    void optimizerOptionsAreCheckedFieldByField() throws IOException {
        String at = "checkpoint F: metadata field 'optimizer.groups'";
        assertEquals(at + " is not valid JSON (JSON Unexpected end-of-input: expected close marker for Object at character 2)",
                refused(sgdCheckpoint(meta("optimizer.groups", "[{"))));
        assertEquals(at + ", group 0: field 'lr' is \"0.1\", not a number", refused(sgdCheckpoint(group("0.1", "\"0.1\""))));
        assertEquals(at + ", group 0: field 'nesterov' is 0, not true or false", refused(sgdCheckpoint(group("false", "0"))));
        assertEquals(at + ", group 0: field 'momentum' is missing", refused(sgdCheckpoint(group("\"momentum\":0.9,", ""))));
        assertEquals(at + ", group 0: unknown field 'momentun' (expected lr, momentum, dampening, weightDecay, nesterov)",
                refused(sgdCheckpoint(group("\"lr\"", "\"momentun\":0.9,\"lr\""))));
        assertEquals(at + ", group 0: Invalid learning rate: -1.0", refused(sgdCheckpoint(group("0.1", "-1"))));
        assertEquals(at + ", group 0: Nesterov momentum requires a momentum and zero dampening",
                refused(sgdCheckpoint(meta("optimizer.groups", "[" + GROUP.replace("0.9", "0").replace("false", "true") + "]"))));
        assertEquals(at + " holds 2 parameter groups, but the optimizer has 1",
                refused(sgdCheckpoint(meta("optimizer.groups", "[" + GROUP + "," + GROUP + "]"))));
        assertEquals(at + ", group 0 is [], not an object", refused(sgdCheckpoint(meta("optimizer.groups", "[[]]"))));
    }

    @Test
    void anotherOptimizerOrForeignTensorsAreRefused() throws IOException {
        Sequential net = model();
        Path adam = checkpoint(new Adam(net.parameters(), 0.01), net, c -> { });
        assertEquals("checkpoint F holds Adam optimizer state, but the optimizer to restore is SGD (make the same kind of "
                + "optimizer as the run that saved it)", refused(adam));
        assertEquals("checkpoint F holds a tensor 'extra.x' that is neither model.* nor optimizer.*",
                refused(sgdCheckpoint(c -> c.tensors().put("extra.x", Tensor.ones(1)))));
    }

    @Test
    void optimizerStateOfTheWrongShapeOrNameIsRefusedAndNothingChanges() throws IOException {
        Sequential saved = model();
        Path zeroD = checkpoint(new Adam(saved.parameters(), 0.01), saved, c -> c.tensors().put("optimizer.0.expAvg", Tensor.scalar(0f)));
        Path unknown = checkpoint(new Adam(saved.parameters(), 0.01), saved, c -> c.tensors().put("optimizer.0.foo", Tensor.ones(16, 4)));
        Sequential net = model();
        Adam opt = new Adam(net.parameters(), 0.5);
        train(net, opt, 1);
        Rng rng = new Rng(11);
        assertEquals("checkpoint F does not fit: Adam: state 'expAvg' of parameter 0 has shape [], expected [16, 4]",
                refused(zeroD, net, opt, rng));
        assertEquals("checkpoint F does not fit: Adam: unknown state 'foo' for parameter 0 (expected step, expAvg, expAvgSq)",
                refused(unknown, net, opt, rng));
    }

    @Test
    void adamWResumesWithItsOptionsAndContinuesExactly() throws IOException {
        Sequential a = model();
        AdamW optA = new AdamW(a.parameters(), new AdamW.Options(0.01, 0.8, 0.99, 1e-6, 0.05, true));
        train(a, optA, 3);
        Path p = dir.resolve("adamw.safetensors");
        Checkpoint.save(p, a, optA, 3, new Rng(2));
        train(a, optA, 3);
        Sequential b = model();
        AdamW optB = new AdamW(b.parameters(), 0.3);
        assertEquals(3, Checkpoint.resume(p, b, optB, new Rng(9)));
        assertEquals(new AdamW.Options(0.01, 0.8, 0.99, 1e-6, 0.05, true), optB.paramGroups().get(0).options());
        train(b, optB, 3);
        Map<String, Tensor> sa = new LinkedHashMap<>(a.stateDict()), sb = b.stateDict();
        sa.forEach((k, v) -> assertArrayEquals(v.toArray(), sb.get(k).toArray(), k));
    }

    @Test
    void nullArgumentsAreNamed() {
        Sequential net = model();
        SGD opt = new SGD(net.parameters(), 0.1);
        Path p = dir.resolve("n.safetensors");
        assertEquals("path", assertThrows(NullPointerException.class, () -> Checkpoint.save(null, net, opt, 0, new Rng(1))).getMessage());
        assertEquals("model", assertThrows(NullPointerException.class, () -> Checkpoint.resume(p, null, opt, new Rng(1))).getMessage());
        assertEquals("optimizer", assertThrows(NullPointerException.class, () -> Checkpoint.save(p, net, null, 0, new Rng(1))).getMessage());
        assertEquals("rng", assertThrows(NullPointerException.class, () -> Checkpoint.resume(p, net, opt, null)).getMessage());
        assertEquals("Checkpoint: epoch must be >= 0, but got -1",
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(p, net, opt, -1, new Rng(1))).getMessage());
    }
}
