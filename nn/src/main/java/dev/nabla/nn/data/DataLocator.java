package dev.nabla.nn.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a dataset's files, in order: {@code --data DIR}, {@code $NABLA_DATA}, the user cache
 * ({@code ~/.cache/nabla/<name>}), a system folder (a Debian package); failing all, downloads
 * them into the cache. A folder the user named ({@code --data} or {@code $NABLA_DATA}) is the
 * only place looked at: if it lacks the files, that is the error. When nothing works, the error
 * lists every place looked at and how to fix it.
 */
public final class DataLocator {
    private final String dataset;
    private final List<DataFile> files;
    private final Map<String, Path> places = new LinkedHashMap<>();  // label -> folder (null: not given)
    private final Path cache;
    private final URI mirror;
    private final String installHint;
    private final Downloader downloader;
    private final Downloader.Progress progress;

    /**
     * @param explicitDir the {@code --data} folder, or null
     * @param envDir      the {@code $NABLA_DATA} folder, or null
     * @param mirror      where to download from (the URL of a folder), or null for no download
     * @param installHint how to install the files system-wide, for the error message
     */
    public DataLocator(String dataset, List<DataFile> files, Path explicitDir, Path envDir, Path cache, Path systemDir,
                       URI mirror, String installHint, Downloader downloader, Downloader.Progress progress) {
        this.dataset = dataset;
        this.files = List.copyOf(files);
        places.put("--data", explicitDir);
        places.put("$NABLA_DATA", envDir);
        places.put("cache", cache);
        places.put("system", systemDir);
        this.cache = cache;
        this.mirror = mirror;
        this.installHint = installHint;
        this.downloader = downloader;
        this.progress = progress;
    }

    /** The user cache folder for {@code dataset}: {@code $XDG_CACHE_HOME/nabla/<dataset>} or {@code ~/.cache/nabla/<dataset>}. */
    public static Path userCache(String dataset) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("nabla").resolve(dataset);
    }

    /** The file for {@code f} in {@code dir}: gzipped or not, whichever exists (null if neither). */
    public static Path find(Path dir, DataFile f) {
        for (Path p : List.of(dir.resolve(f.name() + ".gz"), dir.resolve(f.name()))) if (Files.isRegularFile(p)) return p;
        return null;
    }

    /** The first folder holding every file, downloading into the cache if none does. */
    public Path locate() throws IOException {
        for (String named : List.of("--data", "$NABLA_DATA")) {
            Path dir = places.get(named);
            if (dir == null) continue;
            List<String> missing = new ArrayList<>();
            for (DataFile f : files) if (find(dir, f) == null) missing.add(f.name() + "(.gz)");
            if (missing.isEmpty()) return dir;
            throw new IOException(dataset + ": " + named + " " + dir + (Files.isDirectory(dir) ? " lacks " + String.join(", ", missing)
                    : " is not a folder") + ". Point " + named + " at a folder with the four files, or leave it unset to use the "
                    + "cache (" + cache + "), the system copy (" + places.get("system") + ") or a download.");
        }
        List<String> report = new ArrayList<>();
        for (String where : List.of("cache", "system")) {
            Path dir = places.get(where);
            int present = 0;
            for (DataFile f : files) if (find(dir, f) != null) present++;
            if (present == files.size()) return dir;
            report.add(dir + ": " + (Files.isDirectory(dir) ? "has " + present + " of the " + files.size() + " files" : "no such folder"));
        }
        if (mirror == null) {
            report.add("download: switched off");
        } else {
            try {
                download();
                return cache;
            } catch (IOException e) {
                report.add("download from " + mirror + ": failed (" + e.getMessage() + ")");
            }
        }
        throw new IOException(dataset + " was not found and could not be downloaded. Looked at:\n  - " + String.join("\n  - ", report)
                + "\nTo fix it, do one of:\n  - " + installHint
                + "\n  - put the files " + names() + " (gzipped or not) into " + cache
                + "\n  - pass --data DIR (or set NABLA_DATA=DIR) for a folder that holds them");
    }

    private void download() throws IOException {
        for (DataFile f : files) {
            if (find(cache, f) != null) continue;
            URI url = mirror.resolve(f.name() + ".gz");
            downloader.fetch(url, cache.resolve(f.name() + ".gz"), tmp -> Checksums.verify(tmp, f, url.toString()), progress);
        }
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (DataFile f : files) n.add(f.name() + ".gz");
        return String.join(", ", n);
    }
}
