package dev.nabla.core.kernel;

import java.util.Locale;

/**
 * Chooses the {@link Kernels} once per JVM, in the way of Lucene's vectorization provider.
 *
 * <p>System property {@code nabla.kernels}: {@code auto} (default) uses the Vector API when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} and falls back to the portable
 * kernels otherwise; {@code portable} forces the fallback; {@code vector} demands the Vector API
 * and fails at start-up, saying how to enable it, when it is missing.
 */
public final class KernelSelector {
    /** The system property that forces a kernel path. */
    public static final String PROPERTY = "nabla.kernels";

    /** The system property that wraps the active kernels in {@link ProfilingKernels}. */
    public static final String PROFILE_PROPERTY = "nabla.kernels.profile";

    static final Kernels ACTIVE = profiled(select(System.getProperty(PROPERTY, "auto")));

    private KernelSelector() {}

    /** True when the incubating Vector API module is present in this JVM. */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** A fresh portable implementation (EJML and plain Java), whatever is active. */
    public static Kernels portable() {
        return new PortableKernels();
    }

    /**
     * A fresh Vector API implementation.
     *
     * @throws IllegalStateException if the JVM lacks {@code --add-modules jdk.incubator.vector}
     */
    public static Kernels vector() {
        if (!vectorApiAvailable()) {
            throw new IllegalStateException("the Vector API is not available in this JVM: start it with "
                    + "--add-modules jdk.incubator.vector (the ./nabla launcher does), or set -D"
                    + PROPERTY + "=portable");
        }
        try {
            // Loaded by name so that a JVM without the incubator module never links its classes.
            return (Kernels) Class.forName("dev.nabla.core.kernel.VectorKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the Vector API kernels failed to load: " + e, e);
        }
    }

    private static Kernels profiled(Kernels k) {
        if (!Boolean.getBoolean(PROFILE_PROPERTY)) return k;
        ProfilingKernels p = new ProfilingKernels(k);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> p.print(System.err)));
        return p;
    }

    static Kernels select(String choice) {
        return switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "portable" -> portable();
            case "vector" -> vector();
            case "auto", "" -> vectorApiAvailable() ? vectorOrPortable() : portable();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, portable or vector, but got '"
                    + choice + "'");
        };
    }

    private static Kernels vectorOrPortable() {
        try {
            return vector();
        } catch (IllegalStateException e) {
            System.err.println("nabla: " + e.getMessage() + "; using the portable kernels");
            return portable();
        }
    }
}
