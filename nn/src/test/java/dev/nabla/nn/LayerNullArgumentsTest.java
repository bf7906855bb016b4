package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers' null convention, as core's and nn's readers: every public (and protected)
 * constructor and method of the classes in {@code dev.nabla.nn} rejects a null argument with a
 * {@link NullPointerException} whose message is the parameter's name. Members are found by
 * reflection, with the names javac keeps under {@code -parameters}, so a new layer is checked
 * without a line here (only a sample instance in {@link #RECEIVERS} if it has instance methods).
 */
class LayerNullArgumentsTest {

    /** Object's contract: equals(null) is false. */
    private static final Set<String> LEGAL_NULLS = Set.of("equals(Object)");

    private static final Map<Class<?>, Supplier<Object>> SAMPLES = Map.of(
            Tensor.class, () -> Tensor.ones(2, 3),
            int[].class, () -> new int[] {0, 1},
            dev.nabla.nn.data.DataLoader.class, () -> new dev.nabla.nn.data.DataLoader(
                    new dev.nabla.nn.data.TensorDataset(Tensor.ones(2, 3), new int[] {0, 1}), 2),
            Rng.class, () -> new Rng(1),
            String.class, () -> "x",
            Module.class, ReLU::new,
            Module[].class, () -> new Module[] {new ReLU()},
            Map.class, () -> new HashMap<>(),
            List.class, List::of,
            Consumer.class, () -> (Consumer<Module>) m -> { });

    private static final Map<Class<?>, Supplier<Object>> RECEIVERS = Map.ofEntries(
            Map.entry(Module.class, () -> new Sequential(new Linear(3, 2))),
            Map.entry(Sequential.class, () -> new Sequential(new ReLU())),
            Map.entry(Linear.class, () -> new Linear(3, 2)),
            Map.entry(Dropout.class, () -> new Dropout(0.5, new Rng(1))),
            Map.entry(ReLU.class, ReLU::new),
            Map.entry(Sigmoid.class, Sigmoid::new),
            Map.entry(Tanh.class, Tanh::new),
            Map.entry(Flatten.class, Flatten::new),
            Map.entry(Identity.class, Identity::new),
            Map.entry(Conv2d.class, () -> new Conv2d(3, 2, 1)),
            Map.entry(MaxPool2d.class, () -> new MaxPool2d(2)),
            Map.entry(AvgPool2d.class, () -> new AvgPool2d(2)),
            Map.entry(BatchNorm.class, () -> new BatchNorm1d(3)),
            Map.entry(BatchNorm1d.class, () -> new BatchNorm1d(3)),
            Map.entry(BatchNorm2d.class, () -> new BatchNorm2d(3)),
            Map.entry(LeakyReLU.class, LeakyReLU::new),
            Map.entry(GELU.class, GELU::new),
            Map.entry(Softmax.class, () -> new Softmax(1)));

    private static List<Class<?>> publicClasses() throws Exception {
        Path dir = Path.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/nabla/nn");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName("dev.nabla.nn." + simple, false, Module.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && !c.isSynthetic()) classes.add(c);
            }
        }
        return classes;
    }

    @Test
    void everyLayerMethodNamesTheNullArgument() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> unnamed = new TreeSet<>();
        int checked = 0;
        for (Class<?> c : publicClasses()) {
            List<Executable> members = new ArrayList<>(Arrays.asList(c.getConstructors()));
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if ((Modifier.isPublic(mod) || Modifier.isProtected(mod)) && !m.isSynthetic() && !m.isBridge()) members.add(m);
            }
            for (Executable e : members) {
                Class<?>[] types = e.getParameterTypes();
                if (Arrays.stream(types).allMatch(Class::isPrimitive)) continue;
                String sig = signature(c, e);
                if (LEGAL_NULLS.contains(sig.substring(sig.indexOf('.') + 1))) continue;
                java.lang.reflect.Parameter[] params = e.getParameters();
                if (!params[0].isNamePresent()) {
                    unnamed.add(sig);
                    continue;
                }
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isPrimitive()) continue;
                    checked++;
                    String problem = nullProblem(c, e, i, params[i].getName());
                    if (problem != null) failures.add(sig + "#" + params[i].getName() + ": " + problem);
                }
            }
        }
        assertEquals(Set.of(), unnamed, "members without parameter names in the class file: compile nn with -parameters");
        assertTrue(checked >= 22, "only " + checked + " parameters checked");
        assertEquals(List.of(), failures, "layer methods that do not reject null with the parameter's name");
    }

    private static String nullProblem(Class<?> c, Executable e, int i, String name) throws Exception {
        Class<?>[] types = e.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int j = 0; j < args.length; j++) args[j] = j == i ? null : sample(types[j], e);
        try {
            if (e instanceof Constructor<?> k) {
                k.newInstance(args);
            } else {
                Method m = (Method) e;
                m.setAccessible(true);  // the protected register methods
                m.invoke(Modifier.isStatic(m.getModifiers()) ? null : receiver(c), args);
            }
            return "accepted null";
        } catch (InvocationTargetException ex) {
            Throwable t = ex.getCause();
            return t instanceof NullPointerException && name.equals(t.getMessage()) ? null : "threw " + t;
        }
    }

    private static String signature(Class<?> c, Executable e) {
        String name = e instanceof Constructor<?> ? "<init>" : e.getName();
        return c.getSimpleName() + "." + name + Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static Object sample(Class<?> type, Executable where) {
        if (type == int.class) return 1;
        if (type == double.class) return 0.5;
        if (type == boolean.class) return true;
        Supplier<Object> s = SAMPLES.get(type);
        if (s == null) fail("no sample of " + type.getName() + " for " + where + ": add one to SAMPLES");
        return s.get();
    }

    private static Object receiver(Class<?> c) {
        Supplier<Object> s = RECEIVERS.get(c);
        if (s == null) fail("no instance of " + c.getName() + ": add one to RECEIVERS");
        return s.get();
    }

    @Test
    void nullEntriesAreNamedAndLeaveTheModuleUntouched() {
        assertEquals("modules[1]", assertThrows(NullPointerException.class, () -> new Sequential(new ReLU(), null)).getMessage());
        Linear l = new Linear(2, 1, true, new Rng(3));
        float[] before = l.weight().toArray();
        Map<String, Tensor> state = new HashMap<>();
        state.put("weight", Tensor.zeros(1, 2));
        state.put("bias", null);
        assertEquals("state: the value of bias",
                assertThrows(NullPointerException.class, () -> l.loadStateDict(state, false)).getMessage());
        assertArrayEquals(before, l.weight().toArray(), "nothing is copied when an entry is null");
    }
}
