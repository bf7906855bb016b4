// Startup file of `./nabla shell` (run after JShell's DEFAULT one: java.util.*, java.nio.file.*, java.util.stream.*, ...).
// The docs' statement blocks compile with these same imports (DocsCompileTest reads this file).
// dev.nabla.nn.Module is imported by name: the wildcard alone would leave `Module` ambiguous with java.lang.Module.
import dev.nabla.core.*;
import dev.nabla.nn.*;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.*;
import dev.nabla.nn.init.*;
import dev.nabla.nn.io.*;
import dev.nabla.nn.loss.*;
import dev.nabla.nn.optim.*;
import dev.nabla.examples.d2l.*;
System.out.println("Nabla shell. Imported: dev.nabla.core.*, dev.nabla.nn.* (Module by name), dev.nabla.nn.{data,init,io,loss,optim}.*, dev.nabla.examples.d2l.*. Vector API: "
        + (dev.nabla.core.kernel.KernelSelector.vectorApiAvailable() ? "on." : "OFF (portable kernels, much slower)."));
