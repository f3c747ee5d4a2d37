package io.contexthub.connection;

import io.contexthub.platform.HubProperties;
import io.contexthub.sync.CredentialSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The seal every stored connection is sealed under: from {@code hub.connections.seal-secret}, or, for a hub on the
 * embedded store (one instance, whose checkpoint files sit in the same data directory anyway), a key generated once
 * into {@code <hub.data-dir>/connections/seal.key}, readable by the hub's user only. Instances sharing OpenSearch
 * must share the secret, so there it has to be configured.
 */
@Component
public class ConnectionVault {

    static final String KEY_FILE = "connections/seal.key";

    private final ConnectionProperties properties;
    private final HubProperties hub;
    private CredentialSeal seal;

    public ConnectionVault(ConnectionProperties properties, HubProperties hub) {
        this.properties = properties;
        this.hub = hub;
    }

    /** The seal, or empty when connections cannot be stored here ({@link #unavailable()} says why). */
    public synchronized Optional<CredentialSeal> seal() {
        if (seal == null && unavailable() == null) {
            seal = new CredentialSeal(properties.sealSecret() != null ? properties.sealSecret().reveal()
                    : generatedKey());
        }
        return Optional.ofNullable(seal);
    }

    /** Why sources cannot be connected on this hub, naming the setting; null when they can. */
    public String unavailable() {
        return properties.sealSecret() == null && hub.store() == HubProperties.Store.opensearch
                ? "set hub.connections.seal-secret (HUB_CONNECTIONS_SEALSECRET), the same on every instance: "
                + "connections are stored in OpenSearch, sealed under it" : null;
    }

    public Duration recheck() {
        return properties.recheck();
    }

    private String generatedKey() {
        Path file = hub.dataDir().resolve(KEY_FILE);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path fresh = Files.createTempFile(file.getParent(), "seal", ".tmp");
                try {
                    restrict(fresh);
                    Files.writeString(fresh, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                    // a second instance on the same directory (a restart racing the old one) keeps the first key
                    Files.createLink(file, fresh);
                } catch (FileAlreadyExistsException raced) {
                    // the other one's key stands
                } finally {
                    Files.deleteIfExists(fresh);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create or read " + file + " (the key connections are sealed "
                    + "under; or set hub.connections.seal-secret): " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the data directory's own protection applies
        }
    }
}
