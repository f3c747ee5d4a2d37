package io.contexthub.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.Secret;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.CredentialSeal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector's stored connection, as its API client reads it: sealed in the (tenant's) checkpoint store under
 * {@code connection.<connector>}, read again at most every {@code hub.connections.recheck}, so a connection made or
 * removed on another instance takes effect here within that time. When the store cannot be read, the last connection
 * read stays in use; one that cannot be opened (sealed under another secret) counts as none, with a warning.
 */
public final class ConnectedCredential {

    private static final Logger log = LoggerFactory.getLogger(ConnectedCredential.class);

    private final String name;
    private final CheckpointStore store;
    private final ConnectionVault vault;
    private final Clock clock;
    private final ObjectMapper mapper;
    private Optional<Connection> current = Optional.empty();
    private Instant readAt;
    private boolean warned;

    public ConnectedCredential(String connector, CheckpointStore store, ConnectionVault vault, Clock clock,
                               ObjectMapper mapper) {
        this.name = "connection." + connector;
        this.store = store;
        this.vault = vault;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** The connection in effect, if any. */
    public synchronized Optional<Connection> current() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(vault.recheck()))) {
            current = read();
            readAt = now;
        }
        return current;
    }

    /** A credential of the connection in effect, or null when there is none. */
    public String secret(String secret) {
        return current().map(connection -> connection.secret(secret)).orElse(null);
    }

    /** A credential of the connection in effect, else the configured one; null when neither is set. */
    public String secretOr(String secret, Secret configured) {
        String connected = secret(secret);
        return connected != null ? connected : configured == null ? null : configured.reveal();
    }

    /** Identifies the connection in effect, so a client can tell that its cached access token belongs to another. */
    public String version() {
        return current().map(connection -> String.valueOf(connection.connectedAt())).orElse("");
    }

    /** Stores the connection durably, sealed; it is in effect here at once. */
    public synchronized void store(Connection connection) {
        CredentialSeal seal = vault.seal().orElseThrow(() -> new IllegalStateException(vault.unavailable()));
        try {
            store.putCredential(name, seal.seal(name, mapper.writeValueAsString(connection)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        current = Optional.of(connection);
        readAt = clock.instant();
    }

    /** Removes the stored connection; configuration's credentials are in effect here at once. */
    public synchronized void remove() {
        store.removeCredential(name);
        current = Optional.empty();
        readAt = clock.instant();
    }

    private Optional<Connection> read() {
        Optional<String> sealed;
        try {
            sealed = store.credential(name);
        } catch (TransientFailureException e) {
            log.warn("{}: the stored connection could not be read ({}); using the one read before", name,
                    e.getMessage());
            return current;
        }
        Optional<CredentialSeal> seal = vault.seal();
        if (sealed.isEmpty() || seal.isEmpty()) {
            return Optional.empty();
        }
        Optional<Connection> opened = seal.get().open(name, sealed.get()).flatMap(this::parse);
        if (opened.isEmpty() && !warned) {
            warned = true;
            log.warn("{}: the stored connection was sealed under another hub.connections.seal-secret (or is "
                    + "damaged); using the credentials in configuration. Connect the source again.", name);
        }
        return opened;
    }

    private Optional<Connection> parse(String json) {
        try {
            return Optional.of(mapper.readValue(json, Connection.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
