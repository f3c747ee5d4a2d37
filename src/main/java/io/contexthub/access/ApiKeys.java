package io.contexthub.access;

import io.contexthub.platform.RequestRejectedException;
import io.contexthub.store.DocumentScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;

/**
 * The API keys: created, rotated and revoked by an admin, kept in a {@link KeyStorage}, looked up by id in memory.
 * A token is {@code chk_<id>_<secret>}: the id finds the key without trying every hash, the secret is checked
 * against the salted hash in constant time.
 *
 * <p>When the storage is shared by several instances, the keys in memory are re-read every
 * {@code hub.access.key-refresh}, so a revocation or rotation made through another instance takes effect here within
 * that time; a key this instance has never seen is read from the storage at once, so a new key works everywhere as
 * soon as its creator has it. A change made here reads the key from the storage first, never from memory. If the
 * storage cannot be read, the keys already in memory keep working and an unknown one is answered 503.
 */
@Component
public class ApiKeys implements AutoCloseable {

    static final String PREFIX = "chk_";
    private static final Pattern TOKEN = Pattern.compile("chk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final KeyStorage storage;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final MultiGauge expiries;
    private final ScheduledExecutorService refresher;
    private volatile Map<String, ApiKey> keys;

    public ApiKeys(KeyStorage storage, AccessProperties access, Clock clock, MeterRegistry meters) {
        this.storage = storage;
        this.clock = clock;
        this.expiries = MultiGauge.builder("hub.access.key.expires").baseUnit("seconds")
                .description("seconds until each live API key expires: alert before an agent's key runs out")
                .register(meters);
        remember(storage.all());
        if (storage.shared()) {
            long every = access.keyRefresh().toMillis();
            refresher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "hub-key-refresh");
                thread.setDaemon(true);
                return thread;
            });
            refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
        } else {
            refresher = null;
        }
    }

    /** A new key and its token; the token exists only in this answer. */
    public synchronized Issued create(String name, String owner, Role role, DocumentScope scope, Instant expiresAt,
                                      Integer requestsPerMinute, String tenant) {
        String id = HexFormat.of().formatHex(bytes(8));
        String secret = secret();
        ApiKey key = new ApiKey(id, name, owner, role, scope, clock.instant(), expiresAt, null,
                ApiKey.Hash.of(secret, random), null, null, requestsPerMinute, tenant);
        save(key);
        return new Issued(key, PREFIX + id + "_" + secret);
    }

    /** A new secret for a key; the old one keeps working for {@code grace} (zero: not at all). */
    public synchronized Issued rotate(String id, Duration grace) {
        ApiKey key = live(id);
        String secret = secret();
        Instant now = clock.instant();
        ApiKey rotated = key.rotated(ApiKey.Hash.of(secret, random), now, now.plus(grace));
        save(rotated);
        return new Issued(rotated, PREFIX + id + "_" + secret);
    }

    /** Refused from now on; kept in the list, so who had which key stays on record. */
    public synchronized ApiKey revoke(String id) {
        ApiKey key = require(id);
        if (key.revokedAt() != null) {
            return key;
        }
        ApiKey revoked = key.revoked(clock.instant());
        save(revoked);
        return revoked;
    }

    /** Every key, as stored now. */
    public List<ApiKey> all() {
        List<ApiKey> all = storage.all();
        if (storage.shared()) {
            remember(all);
        }
        return all.stream().sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    /** The key as stored now. */
    public Optional<ApiKey> get(String id) {
        return id == null ? Optional.empty() : storage.get(id);
    }

    /** The key, or a 404 rejection naming it. */
    public ApiKey require(String id) {
        return get(id).orElseThrow(() -> RequestRejectedException.notFound("unknown_key", "no API key " + id));
    }

    /**
     * The grant of a token that has the form of an API key; a precise refusal for a key that exists but is
     * expired or revoked (said only once the secret proved the caller holds it).
     */
    Grant authenticate(String token) {
        Matcher parts = TOKEN.matcher(token);
        ApiKey key = parts.matches() ? known(parts.group(1)) : null;
        Instant now = clock.instant();
        if (key != null && !key.accepts(parts.group(2), now) && storage.shared()) {
            key = stored(key.id()); // rotated through another instance since the last refresh?
        }
        if (key == null || !key.accepts(parts.group(2), now)) {
            throw new BadCredentialsException("the bearer token is not valid");
        }
        if (key.revokedAt() != null) {
            throw new BadCredentialsException("the API key " + key.id() + " was revoked at " + key.revokedAt());
        }
        if (!now.isBefore(key.expiresAt())) {
            throw new BadCredentialsException("the API key " + key.id() + " expired at " + key.expiresAt()
                    + "; ask an admin to create a new one");
        }
        return key.grant();
    }

    static boolean looksLikeKey(String token) {
        return token.startsWith(PREFIX);
    }

    /** Re-reads every key from a shared storage; what is in memory stays if it cannot be read. */
    void refresh() {
        try {
            remember(storage.all());
        } catch (RuntimeException e) {
            log.warn("cannot re-read the API keys, the {} known keys stay as they were: {}", keys.size(),
                    e.getMessage());
        }
    }

    private ApiKey known(String id) {
        ApiKey key = keys.get(id);
        return key != null || !storage.shared() ? key : stored(id);
    }

    private ApiKey stored(String id) {
        try {
            Optional<ApiKey> stored = storage.get(id);
            stored.ifPresent(this::remember);
            return stored.orElse(null);
        } catch (RuntimeException e) {
            throw new IdentityProviderUnavailableException("the API key store cannot be read now; try again", e);
        }
    }

    private ApiKey live(String id) {
        ApiKey key = require(id);
        if (!key.live(clock.instant())) {
            throw new RequestRejectedException(409, "key_not_live", "the key " + id + " is revoked or expired; "
                    + "create a new one");
        }
        return key;
    }

    private void save(ApiKey key) {
        storage.put(key);
        remember(key);
    }

    private synchronized void remember(ApiKey key) {
        Map<String, ApiKey> next = new LinkedHashMap<>(keys);
        next.put(key.id(), key);
        keys = Map.copyOf(next);
        publishExpiries();
    }

    private synchronized void remember(List<ApiKey> all) {
        Map<String, ApiKey> next = new LinkedHashMap<>();
        all.forEach(key -> next.put(key.id(), key));
        keys = Map.copyOf(next);
        publishExpiries();
    }

    /** One gauge row per live key, read at scrape time; revoked and expired keys drop out. */
    private void publishExpiries() {
        expiries.register(keys.values().stream().filter(key -> key.revokedAt() == null)
                .map(key -> MultiGauge.Row.of(Tags.of("key", key.principal(), "role", key.role().id()), key,
                        k -> Math.max(0, Duration.between(clock.instant(), k.expiresAt()).toSeconds())))
                .toList(), true);
    }

    private String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** A key and the token that carries it. */
    public record Issued(ApiKey key, String token) {
    }
}
