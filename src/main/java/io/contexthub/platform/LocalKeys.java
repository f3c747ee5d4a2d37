package io.contexthub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A key the hub makes for itself when none is configured: 32 random bytes, written once (owner-only, atomically)
 * under the data directory and read back at every start. For a single hub; instances that must agree are given the
 * key by configuration.
 */
public final class LocalKeys {

    private LocalKeys() {
    }

    public static byte[] readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = file.resolveSibling(".tmp-" + file.getFileName());
                Files.writeString(tmp, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the data directory's own permissions protect it
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a key in " + file + " (hub.data-dir)", e);
        }
    }
}
