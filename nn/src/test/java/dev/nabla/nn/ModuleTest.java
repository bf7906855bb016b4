package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Module's contract, as PyTorch's nn.Module defines it. */
class ModuleTest {

    /** A model with a named child, to test dotted names below a Sequential. */
    static final class Encoder extends Module {
        final Sequential layers = registerModule("layers", new Sequential(new Linear(4, 3, true, new Rng(1)), new ReLU(),
                new Dropout(0.5)));

        @Override
        public Tensor forward(Tensor x) {
            return layers.forward(x);
        }
    }

    @Test
    void trainAndEvalRecurseThroughNestedSequentials() {
        Sequential net = new Sequential(new Sequential(new Linear(2, 2), new Dropout(0.1)), new Dropout(0.2));
        assertTrue(net.isTraining(), "modules start in training mode");
        assertSame(net, net.eval());
        for (Module m : net.namedModules().values()) assertFalse(m.isTraining(), m.toString());
        assertSame(net, net.train());
        for (Module m : net.namedModules().values()) assertTrue(m.isTraining());
        net.train(false);
        assertFalse(((Sequential) net.get(0)).get(1).isTraining());
    }

    @Test
    void parameterNamesAndCounts() {
        Sequential net = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));
        assertEquals(List.of("1.weight", "1.bias", "3.weight", "3.bias"), new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, net.numParameters());
        Encoder e = new Encoder();
        Sequential outer = new Sequential(e);
        assertEquals(List.of("0.layers.0.weight", "0.layers.0.bias"), new ArrayList<>(outer.namedParameters().keySet()));
        assertTrue(outer.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    @Test
    void sharedParametersAppearOnce() {
        Linear shared = new Linear(3, 3);
        Sequential net = new Sequential(shared, new ReLU(), shared);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(2, net.parameters().size());
        assertEquals(12, net.numParameters());
        assertEquals(4, net.stateDict().size(), "state dicts keep every name, as PyTorch");
    }

    @Test
    void applyVisitsChildrenBeforeParents() {
        Sequential net = new Sequential(new Linear(1, 1), new Sequential(new ReLU()));
        List<String> order = new ArrayList<>();
        assertSame(net, net.apply(m -> order.add(m.getClass().getSimpleName())));
        assertEquals(List.of("Linear", "ReLU", "Sequential", "Sequential"), order);
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Linear l = new Linear(2, 1);
        l.forward(Tensor.ones(1, 2)).sum().backward();
        assertTrue(l.weight().grad() != null);
        l.zeroGrad();
        assertNull(l.weight().grad());
        assertNull(l.bias().grad());
    }

    @Test
    void stateDictRoundTrip() {
        Sequential a = new Sequential(new Linear(3, 2, true, new Rng(1)), new ReLU(), new Linear(2, 1, true, new Rng(2)));
        Sequential b = new Sequential(new Linear(3, 2, true, new Rng(3)), new ReLU(), new Linear(2, 1, true, new Rng(4)));
        LoadResult r = b.loadStateDict(a.stateDict());
        assertTrue(r.allMatched());
        assertEquals("<All keys matched successfully>", r.toString());
        Tensor x = Tensor.randn(new Rng(5), 4, 3);
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray());
        assertNotSame(a.parameters().get(0), b.parameters().get(0));
    }

    @Test
    void stateDictValuesAreLiveViews() {
        Linear l = new Linear(1, 1);
        Tensor w = l.stateDict().get("weight");
        try (var g = Tensor.noGrad()) {
            l.weight().fill_(7f);
        }
        assertEquals(7f, w.item());
        assertFalse(w.requiresGrad());
    }

    @Test
    void stateDictCopyIsASnapshotThatPutsTheValuesBack() {
        Sequential net = new Sequential(new Linear(2, 1, true, new Rng(1)), new BatchNorm1d(1));
        float[] weight = net.parameters().get(0).toArray();
        Map<String, Tensor> saved = net.stateDictCopy();
        assertEquals(net.stateDict().keySet(), saved.keySet());
        try (var g = Tensor.noGrad()) {
            net.parameters().get(0).fill_(7f);
        }
        net.train().forward(Tensor.randn(new Rng(2), 4, 2));  // moves running_mean and running_var
        assertArrayEquals(weight, saved.get("0.weight").toArray(), "training does not reach the snapshot");
        assertEquals(0f, saved.get("1.running_mean").item());
        net.loadStateDict(saved);
        assertArrayEquals(weight, net.parameters().get(0).toArray());
        assertEquals(0f, net.stateDict().get("1.running_mean").item());
    }

    @Test
    void strictLoadListsEveryProblemAndChangesNothing() {
        Sequential net = new Sequential(new Linear(3, 2), new Linear(2, 1));
        float[] before = net.parameters().get(0).toArray();
        Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
        state.remove("1.bias");
        state.put("0.weight", Tensor.ones(2, 3));  // right shape: would be loaded if we were careless
        state.put("1.weight", Tensor.zeros(2, 1));
        state.put("2.weight", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertEquals("Error(s) in loading state_dict for Sequential:\n"
                + "\tMissing key(s) in state_dict: \"1.bias\".\n"
                + "\tUnexpected key(s) in state_dict: \"2.weight\".\n"
                + "\tsize mismatch for 1.weight: copying a param with shape [2, 1] from checkpoint, the shape in current "
                + "model is [1, 2].", e.getMessage());
        assertArrayEquals(before, net.parameters().get(0).toArray(), "nothing was half-loaded");
    }

    @Test
    void nonStrictLoadReportsMissingAndUnexpected() {
        Sequential net = new Sequential(new Linear(3, 2));
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight", Tensor.ones(2, 3));
        state.put("extra", Tensor.ones(1));
        LoadResult r = net.loadStateDict(state, false);
        assertEquals(List.of("0.bias"), r.missingKeys());
        assertEquals(List.of("extra"), r.unexpectedKeys());
        assertArrayEquals(Tensor.ones(2, 3).toArray(), net.parameters().get(0).toArray());
    }

    @Test
    void printsATreeLikePyTorch() {
        Sequential net = new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Dropout(0.2),
                new Sequential(new Linear(256, 10, false)));
        assertEquals("Sequential(\n"
                + "  (0): Flatten(start_dim=1, end_dim=-1)\n"
                + "  (1): Linear(in_features=784, out_features=256, bias=True)\n"
                + "  (2): ReLU()\n"
                + "  (3): Dropout(p=0.2)\n"
                + "  (4): Sequential(\n"
                + "    (0): Linear(in_features=256, out_features=10, bias=False)\n"
                + "  )\n"
                + ")", net.toString());
    }

    @Test
    void registrationErrorsNameTheProblem() {
        class Bad extends Module {
            Bad(String first, String second) {
                registerParameter(first, Tensor.ones(1));
                registerParameter(second, Tensor.ones(1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        assertEquals("Bad: 'w' is already registered",
                assertThrows(IllegalArgumentException.class, () -> new Bad("w", "w")).getMessage());
        assertEquals("Bad: name 'a.b' must be non-empty and contain no '.'",
                assertThrows(IllegalArgumentException.class, () -> new Bad("w", "a.b")).getMessage());
    }

    @Test
    void sequentialIndexing() {
        ReLU r = new ReLU();
        Sequential s = new Sequential(new Linear(1, 1), r);
        assertSame(r, s.get(1));
        assertSame(r, s.get(-1));
        assertEquals(2, s.size());
        assertEquals("Sequential: index 2 is out of range for 2 modules",
                assertThrows(IndexOutOfBoundsException.class, () -> s.get(2)).getMessage());
    }
}
