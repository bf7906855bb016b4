package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.core.kernel.KernelProfile;
import dev.nabla.core.kernel.KernelSelector;
import dev.nabla.core.kernel.Kernels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's null convention: every public constructor and method of every public class rejects a
 * null argument with a {@link NullPointerException} whose message is the parameter's name, as
 * {@code Objects.requireNonNull(x, "x")} does (nn follows the same convention). Found by
 * reflection over the compiled classes, with the names javac keeps under {@code -parameters}, so
 * a new public method is checked without a line here. Exceptions, each with its reason, in
 * {@link #LEGAL_NULLS}.
 */
class NullArgumentsTest {

    /** Parameters where null is documented and legal, or calls whose null handling is the JDK's. */
    private static final Set<String> LEGAL_NULLS = Set.of(
            "Tensor.linear(Tensor,Tensor)#bias",   // no bias, as F.linear(x, w, None)
            "Tensor.linearRelu(Tensor,Tensor)#bias",
            "Tensor.conv2d(Tensor,Tensor,int,int)#bias",  // no bias, as F.conv2d(x, w, None)
            "Tensor.batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)#runningMean",  // F.batch_norm's None:
            "Tensor.batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)#runningVar",   // no running statistics,
            "Tensor.batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)#weight",       // no scale,
            "Tensor.batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)#bias",         // no shift
            "*.equals(Object)#*",                  // Object's contract: equals(null) is false
            "*.valueOf(String)#*",                 // enums: the JDK's Enum.valueOf
            "Kernels.*#*");                        // the layer under the checks: kernels check nothing (see its javadoc)

    /** A valid value of each parameter type, so that only the null under test is wrong. */
    private static final Map<Class<?>, Supplier<Object>> SAMPLES = Map.ofEntries(
            Map.entry(Tensor.class, () -> Tensor.ones(2, 2)),
            Map.entry(Tensor[].class, () -> new Tensor[] {Tensor.ones(2)}),
            Map.entry(Rng.class, () -> new Rng(1)),
            Map.entry(float[].class, () -> new float[4]),
            Map.entry(byte[].class, () -> new byte[4]),
            Map.entry(float[][].class, () -> new float[][] {{1, 2}}),
            Map.entry(int[].class, () -> new int[] {2, 2}),
            Map.entry(long[].class, () -> new Rng(1).getState()),
            Map.entry(String.class, () -> "x"),
            Map.entry(List.class, List::of),
            Map.entry(Map.class, Map::of),
            Map.entry(Function.class, () -> (Function<Tensor[], Tensor>) t -> t[0].sum()),
            Map.entry(Kernels.class, KernelSelector::portable),
            Map.entry(PrintStream.class, () -> new PrintStream(OutputStream.nullOutputStream())),
            Map.entry(AutogradGraph.Kind.class, () -> AutogradGraph.Kind.VALUE),
            Map.entry(int.class, () -> 0),
            Map.entry(long.class, () -> 0L),
            Map.entry(float.class, () -> 0f),
            Map.entry(double.class, () -> 0.0),
            Map.entry(boolean.class, () -> false));

    /** An instance to call instance methods on. */
    private static final Map<Class<?>, Supplier<Object>> RECEIVERS = Map.of(
            Tensor.class, () -> Tensor.ones(2, 2),
            Rng.class, () -> new Rng(1),
            KernelProfile.class, KernelProfile::new,
            AutogradGraph.class, () -> AutogradGraph.of(Tensor.ones(1)));

    /** The public classes of core's packages, from the compiled class files. */
    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        for (String pkg : new String[] {"dev/nabla/core", "dev/nabla/core/kernel"}) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String name = root.relativize(f).toString().replace('/', '.').replace(".class", "");
                    Class<?> c = Class.forName(name, false, Tensor.class.getClassLoader());
                    if (Modifier.isPublic(c.getModifiers()) && !c.isSynthetic() && !c.isAnonymousClass()) classes.add(c);
                }
            }
        }
        return classes;
    }

    @Test
    void everyPublicMethodNamesTheNullArgument() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (Class<?> c : publicClasses()) {
            List<Executable> members = new ArrayList<>(Arrays.asList(c.getConstructors()));
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) members.add(m);
            }
            for (Executable e : members) {
                Parameter[] params = e.getParameters();
                for (int i = 0; i < params.length; i++) {
                    if (params[i].getType().isPrimitive()) continue;
                    String where = signature(c, e) + "#" + params[i].getName();
                    if (legal(c, e, params[i])) continue;
                    checked.add(where);
                    String problem = nullProblem(c, e, i);
                    if (problem != null) failures.add(where + ": " + problem);
                }
            }
        }
        assertTrue(checked.size() >= 57, "the scan found 57 parameters when written, now only " + checked.size() + " parameters checked: " + checked);
        assertEquals(List.of(), failures, "public methods that do not reject null with the parameter's name");
    }

    /** Null at parameter i, everything else valid: null if the NPE names the parameter, else what happened. */
    private static String nullProblem(Class<?> c, Executable e, int i) throws Exception {
        Parameter[] params = e.getParameters();
        if (!params[i].isNamePresent()) return "no parameter names in the class file: compile core with -parameters";
        Object[] args = new Object[params.length];
        for (int j = 0; j < args.length; j++) args[j] = j == i ? null : sample(params[j].getType(), e);
        try {
            if (e instanceof Constructor<?> k) {
                k.newInstance(args);
            } else {
                Method m = (Method) e;
                m.invoke(Modifier.isStatic(m.getModifiers()) ? null : receiver(c), args);
            }
            return "accepted null";
        } catch (InvocationTargetException ex) {
            Throwable t = ex.getCause();
            if (t instanceof NullPointerException && params[i].getName().equals(t.getMessage())) return null;
            return "threw " + t;
        }
    }

    private static boolean legal(Class<?> c, Executable e, Parameter p) {
        String sig = signature(c, e);
        String any = "*" + sig.substring(sig.indexOf('.'));
        String anyMethodOfClass = c.getSimpleName() + ".*";
        return LEGAL_NULLS.contains(sig + "#" + p.getName()) || LEGAL_NULLS.contains(any + "#*")
                || LEGAL_NULLS.contains(anyMethodOfClass + "#*");
    }

    private static String signature(Class<?> c, Executable e) {
        String name = e instanceof Constructor<?> ? "<init>" : e.getName();
        return c.getSimpleName() + "." + name + Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(",", "(", ")"));
    }

    private static Object sample(Class<?> type, Executable where) {
        Supplier<Object> s = SAMPLES.get(type);
        if (s == null) fail("no sample value of " + type.getName() + " for " + where + ": add one to SAMPLES");
        return s.get();
    }

    private static Object receiver(Class<?> c) {
        Supplier<Object> s = RECEIVERS.get(c);
        if (s == null) fail("no instance of " + c.getName() + " to call its methods on: add one to RECEIVERS");
        return s.get();
    }

    @Test
    void nullEntriesOfArraysAndListsAreNamedByIndex() {
        NullPointerException rows = assertThrows(NullPointerException.class, () -> Tensor.of(new float[][] {{1}, null}));
        assertEquals("rows[1]", rows.getMessage());
        NullPointerException inputs = assertThrows(NullPointerException.class,
                () -> GradCheck.check(t -> t[0].sum(), Tensor.ones(1), null));
        assertEquals("inputs[1]", inputs.getMessage());
        List<AutogradGraph.Node> nodes = new ArrayList<>();
        nodes.add(null);
        assertEquals("nodes[0]", assertThrows(NullPointerException.class, () -> new AutogradGraph(nodes, List.of())).getMessage());
    }

    @Test
    void theDocumentedNullsStayLegal() {
        Tensor x = Tensor.ones(2, 3), w = Tensor.ones(4, 3);
        assertEquals(3f, x.linear(w, null).get(0, 0));
        assertEquals(false, x.equals(null));
    }
}
