package dev.nabla.nn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads an IDX file and checks the SHA-256 of its decompressed content in the same pass. */
public final class Checksums {
    private Checksums() {}

    /** The file's contents, if its checksum is the expected one. */
    public static IdxArray verify(Path path, DataFile expected) throws IOException {
        return verify(path, expected, path.toString());
    }

    /** As {@link #verify(Path, DataFile)}; errors call the file {@code shownAs} (e.g. the URL it came from). */
    public static IdxArray verify(Path path, DataFile expected, String shownAs) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        IdxArray array;
        try {
            array = IdxFile.read(path, sha);
        } catch (IOException e) {
            throw shownAs.equals(path.toString()) ? e : new IOException(shownAs + ": " + e.getMessage().replace(path.toString(), "the file"), e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(expected.sha256())) {
            throw new IOException(shownAs + " is not the expected " + expected.name() + ": the SHA-256 of its content is "
                    + actual + ", expected " + expected.sha256() + " (the file is corrupt or from another dataset; delete it)");
        }
        return array;
    }
}
