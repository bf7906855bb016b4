package dev.nabla.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Fetches one file over HTTP(S) into a folder, never leaving a partial file: the bytes go to a
 * temporary file, which a check must accept before it is renamed into place.
 */
public final class Downloader {
    /** Receives the total size (or -1 if unknown) once, then progress. */
    public interface Progress {
        /** A download of {@code totalBytes} (-1 if unknown) begins. */
        void start(String name, long totalBytes);

        /** Bytes received so far. */
        void advance(long bytesSoFar);

        /** The download ended (well or not). */
        void done();
    }

    /** Inspects a downloaded file before it is kept; throws to reject it. */
    @FunctionalInterface
    public interface Check {
        /** Throws, naming the problem, unless the downloaded file is acceptable. */
        void verify(Path downloaded) throws IOException;
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Downloads {@code url} to {@code target} if {@code check} accepts the content. */
    public void fetch(URI url, Path target, Check check, Progress progress) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".part");
        try {
            HttpResponse<InputStream> response;
            try {
                response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download of " + url + " was interrupted", e);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("download of " + url + " failed: HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            progress.start(target.getFileName().toString(), total);
            long copied = 0;
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    copied += n;
                    progress.advance(copied);
                }
            } catch (IOException e) {
                throw new IOException("download of " + url + " broke off after " + copied + " bytes: " + e.getMessage(), e);
            } finally {
                progress.done();
            }
            if (total >= 0 && copied != total) {
                throw new IOException("download of " + url + " ended after " + copied + " of " + total + " bytes");
            }
            check.verify(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A progress report of one line per file on {@code out}: {@code downloading train-images-idx3-ubyte.gz (26.4 MB)}. */
    public static Progress lines(PrintStream out) {
        return new Progress() {
            @Override public void start(String name, long totalBytes) {
                out.println("downloading " + name + (totalBytes > 0 ? String.format(Locale.ROOT, " (%.1f MB)", totalBytes / 1e6) : ""));
            }
            @Override public void advance(long bytesSoFar) {}
            @Override public void done() {}
        };
    }

    /** A progress report that says nothing. */
    public static final Progress SILENT = new Progress() {
        @Override public void start(String name, long totalBytes) {}
        @Override public void advance(long bytesSoFar) {}
        @Override public void done() {}
    };
}
