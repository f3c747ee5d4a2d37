package io.contexthub.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.TransientFailureException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth refresh token of a connector whose provider may answer a refresh with a new refresh token and retire
 * the old one. The newest is kept sealed in the checkpoint store, so a restarted hub, or another instance, goes on
 * with it rather than with the configured one the provider may have retired. A configured token other than the
 * one the stored chain started from wins: the operator has authorised the app again.
 */
public final class RotatingRefreshToken {

    private static final Logger log = LoggerFactory.getLogger(RotatingRefreshToken.class);

    /** What is sealed: the newest token, when it came, and a digest of the configured token it descends from. */
    record Rotation(String origin, String token, Instant rotatedAt) {
    }

    private final String name;
    private final Supplier<String> configured;
    private final CredentialSeal seal;
    private final CheckpointStore store;
    private final Clock clock;
    private final ObjectMapper mapper;
    private Rotation latest;
    private boolean warnedUnreadable;

    /**
     * @param name       the credential's name in the store, e.g. {@code frontapp.oauth-refresh-token}
     * @param configured the refresh token the chain starts from: configuration's, or a connection's (which may
     *                   change while the hub runs; a new one starts a new chain)
     * @param seal       seals the stored token (keyed by the client secret the refresh needs anyway)
     */
    public RotatingRefreshToken(String name, Supplier<String> configured, CredentialSeal seal, CheckpointStore store,
                                Clock clock, ObjectMapper mapper) {
        this.name = name;
        this.configured = configured;
        this.seal = seal;
        this.store = store;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** The token to refresh with now: the newest rotation of the configured token known here or in the store. */
    public synchronized String current() {
        String start = configured.get();
        String origin = digest(start);
        Rotation newest = latest != null && origin.equals(latest.origin()) ? latest : null;
        Optional<Rotation> stored = stored(origin);
        if (stored.isPresent() && (newest == null || stored.get().rotatedAt().isAfter(newest.rotatedAt()))) {
            newest = stored.get();
        }
        return newest == null ? start : newest.token();
    }

    /** Records the refresh token a refresh answered with, if it differs from the one used. */
    public synchronized void rotated(String used, String next) {
        if (next == null || next.isBlank() || next.equals(used)) {
            return;
        }
        latest = new Rotation(digest(configured.get()), next, clock.instant());
        try {
            store.putCredential(name, seal.seal(name, mapper.writeValueAsString(latest)));
            log.info("{}: the provider rotated the refresh token; the new one is stored sealed", name);
        } catch (TransientFailureException e) {
            log.warn("{}: the rotated refresh token could not be stored ({}); it is kept in memory and stored "
                    + "at the next refresh", name, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Rotation> stored(String origin) {
        Optional<String> sealed;
        try {
            sealed = store.credential(name);
        } catch (TransientFailureException e) {
            log.warn("{}: the stored refresh token could not be read ({}); using the newest known here", name,
                    e.getMessage());
            return Optional.empty();
        }
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        Optional<Rotation> rotation = seal.open(name, sealed.get()).flatMap(this::parse);
        if (rotation.isEmpty() && !warnedUnreadable) {
            warnedUnreadable = true;
            log.warn("{}: the stored refresh token was sealed under another client secret (or is damaged); "
                    + "using the configured refresh token", name);
        }
        return rotation.filter(r -> origin.equals(r.origin()));
    }

    private Optional<Rotation> parse(String json) {
        try {
            return Optional.of(mapper.readValue(json, Rotation.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
