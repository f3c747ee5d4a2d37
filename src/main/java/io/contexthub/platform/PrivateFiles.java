package io.contexthub.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a small state file so that a crash at any point leaves either the old content or the new, never a torn
 * file: a temporary sibling (owner-only where the file system has permissions), forced to disk, renamed over the
 * old one.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    public static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(".tmp-" + file.getFileName());
        Files.deleteIfExists(temp);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
