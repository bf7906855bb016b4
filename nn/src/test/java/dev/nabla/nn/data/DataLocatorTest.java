package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookup order and downloads, against a real HTTP server on 127.0.0.1 serving generated files. */
class DataLocatorTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, Integer> dropAfter = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private List<DataFile> specs;
    private Path cache, system;

    @BeforeEach
    void serve() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        specs = TinyFashion.write(source, 30, 10, true);
        for (DataFile f : specs) served.put("/" + f.name() + ".gz", Files.readAllBytes(source.resolve(f.name() + ".gz")));
        cache = tmp.resolve("cache");
        system = tmp.resolve("system");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            Integer cut = dropAfter.get(ex.getRequestURI().getPath());
            try {
                out.write(body, 0, cut == null ? body.length : cut);
                out.flush();
                if (cut != null) throw new IOException("connection dropped on purpose");
                out.close();
            } catch (IOException e) {
                ex.close();  // abandon the exchange: the client sees a body shorter than Content-Length
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DataLocator locator(Path explicit) {
        return locator(explicit, Downloader.SILENT);
    }

    private DataLocator locator(Path explicit, Downloader.Progress progress) {
        URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new DataLocator("Tiny", specs, explicit, null, cache, system, mirror, "apt-get install dataset-tiny", new Downloader(),
                progress);
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> s = Files.list(cache)) {
            return s.toList();
        }
    }

    @Test
    void downloadsIntoTheCacheAndVerifies() throws IOException {
        Path found = locator(null).locate();
        assertEquals(cache, found);
        assertEquals(4, cacheFiles().size());
        assertEquals(10, FashionMnist.load(found, specs).test().size());
        assertEquals(4, requests.get());
        assertEquals(cache, locator(null).locate(), "the second time, the cache is used");
        assertEquals(4, requests.get(), "no new download");
    }

    @Test
    void aDownloadSaysSoOneLinePerFile() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        locator(null, Downloader.lines(new PrintStream(printed, true, StandardCharsets.UTF_8))).locate();
        List<String> expected = new ArrayList<>();
        for (DataFile f : specs) {
            expected.add(String.format(Locale.ROOT, "downloading %s.gz (%.1f MB)", f.name(), served.get("/" + f.name() + ".gz").length / 1e6));
        }
        assertEquals(expected, printed.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void theSystemFolderIsUsedBeforeDownloading() throws IOException {
        TinyFashion.write(Files.createDirectories(system), 30, 10, true);
        assertEquals(system, locator(null).locate());
        assertEquals(0, requests.get());
    }

    @Test
    void aCorruptedDownloadIsRejectedAndNotKept() throws IOException {
        byte[] bad = served.get("/train-labels-idx1-ubyte.gz").clone();
        bad[bad.length - 12] ^= 0x55;  // inside the compressed data: gzip's CRC or the content check must catch it
        served.put("/train-labels-idx1-ubyte.gz", bad);
        IOException e = assertThrows(IOException.class, () -> locator(null).locate());
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz"), e.getMessage());
        assertTrue(cacheFiles().stream().noneMatch(p -> p.getFileName().toString().startsWith("train-labels")), cacheFiles().toString());
        assertTrue(cacheFiles().stream().noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial file");
    }

    @Test
    void aWrongButIntactFileFailsItsChecksum() throws IOException {
        served.put("/t10k-labels-idx1-ubyte.gz", served.get("/train-labels-idx1-ubyte.gz"));
        IOException e = assertThrows(IOException.class, () -> locator(null).locate());
        assertTrue(e.getMessage().contains("/t10k-labels-idx1-ubyte.gz is not the expected t10k-labels-idx1-ubyte: the SHA-256 of its content is"),
                e.getMessage());
        assertTrue(cacheFiles().stream().noneMatch(p -> p.getFileName().toString().startsWith("t10k-labels")));
    }

    @Test
    void aConnectionThatDropsMidwayLeavesNoPartialFile() throws IOException {
        dropAfter.put("/train-images-idx3-ubyte.gz", served.get("/train-images-idx3-ubyte.gz").length / 2);
        IOException e = assertThrows(IOException.class, () -> locator(null).locate());
        assertTrue(e.getMessage().contains("download from http://127.0.0.1:"), e.getMessage());
        assertTrue(cacheFiles().stream().noneMatch(p -> p.getFileName().toString().startsWith("train-images")), cacheFiles().toString());
    }

    @Test
    void whenNothingWorksTheMessageListsEveryPlaceAndTheFix() {
        served.clear();  // every download 404s
        IOException e = assertThrows(IOException.class, () -> locator(null).locate());
        String m = e.getMessage();
        assertTrue(m.startsWith("Tiny was not found and could not be downloaded. Looked at:\n  - " + cache + ": no such folder\n  - "
                + system + ": no such folder\n  - download from http://127.0.0.1:"), m);
        assertTrue(m.contains("HTTP 404"), m);
        assertTrue(m.contains("To fix it, do one of:\n  - apt-get install dataset-tiny\n  - put the files train-images-idx3-ubyte.gz, "), m);
        assertTrue(m.endsWith("  - pass --data DIR (or set NABLA_DATA=DIR) for a folder that holds them"), m);
    }

    @Test
    void anExplicitFolderIsTheOnlyPlaceLookedAt() throws IOException {
        Path explicit = Files.createDirectories(tmp.resolve("mine"));
        IOException e = assertThrows(IOException.class, () -> locator(explicit).locate());
        assertTrue(e.getMessage().startsWith("Tiny: --data " + explicit + " lacks train-images-idx3-ubyte(.gz), "), e.getMessage());
        assertEquals(0, requests.get(), "no download when the user named a folder");
        TinyFashion.write(explicit, 30, 10, false);
        assertEquals(explicit, locator(explicit).locate());
    }
}
