package dev.nabla.core.kernel;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up the time and calls of every kernel, by method (and by form and shape for products), to
 * see where a training step spends its time. {@link #wrap} puts it around any {@link Kernels}
 * with a dynamic proxy, so a new kernel is timed without a line here. Switched on for the active
 * kernels with {@code -Dnabla.kernels.profile=true}, which prints the table at exit. Costs a
 * reflective call and a clock read per kernel call.
 */
public final class KernelProfile {
    private final Map<String, LongAdder[]> stats = new ConcurrentHashMap<>();

    /** An empty profile. */
    public KernelProfile() {}

    /** {@code kernels} with every call timed into this profile; {@code name()} says it is profiled. */
    public Kernels wrap(Kernels kernels) {
        Objects.requireNonNull(kernels, "kernels");
        return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) return objectMethod(proxy, method, args);
                    if (method.getName().equals("name")) return kernels.name() + ", profiled";
                    long t0 = System.nanoTime();
                    try {
                        return method.invoke(kernels, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        record(key(method, args), System.nanoTime() - t0);
                    }
                });
    }

    /** The row a call counts in: the method's name, for gemm its form (NN, NT, TN, TT) and m x k x n, for linear rows x in x out. */
    private static String key(Method method, Object[] args) {
        if (method.getName().equals("linear")) {
            return "linear " + args[0] + "x" + args[1] + "x" + args[2] + (args[5] != null ? " +bias" : "") + ((Boolean) args[6] ? " +relu" : "");
        }
        if (!method.getName().equals("gemm")) return method.getName();
        return "gemm " + ((Boolean) args[0] ? "T" : "N") + ((Boolean) args[1] ? "T" : "N") + " " + args[2] + "x" + args[4] + "x" + args[3];
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "KernelProfile proxy";
        };
    }

    private void record(String key, long nanos) {
        LongAdder[] s = stats.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        s[0].add(nanos);
        s[1].increment();
    }

    /** Forgets everything measured so far (e.g. after warm-up). */
    public void reset() {
        stats.clear();
    }

    /** The table: kernel (and shape), calls, total seconds, microseconds per call, share; largest first. */
    public void print(PrintStream out) {
        Objects.requireNonNull(out, "out");
        List<Map.Entry<String, LongAdder[]>> rows = new ArrayList<>(stats.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0].sum(), a.getValue()[0].sum()));
        long total = 0;
        for (Map.Entry<String, LongAdder[]> e : rows) total += e.getValue()[0].sum();
        out.printf(Locale.ROOT, "%-40s %9s %10s %9s %6s%n", "kernel", "calls", "seconds", "us/call", "share");
        for (Map.Entry<String, LongAdder[]> e : rows) {
            long ns = e.getValue()[0].sum(), calls = e.getValue()[1].sum();
            out.printf(Locale.ROOT, "%-40s %9d %10.3f %9.1f %5.1f%%%n", e.getKey(), calls, ns / 1e9, ns / 1e3 / calls, 100.0 * ns / total);
        }
        out.printf(Locale.ROOT, "%-40s %9s %10.3f%n", "all kernels", "", total / 1e9);
    }
}
