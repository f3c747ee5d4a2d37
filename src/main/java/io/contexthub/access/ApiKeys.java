package io.contexthub.access;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.PrivateFiles;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.store.DocumentScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;

/**
 * The API keys: created, rotated and revoked by an admin, kept in {@code <data-dir>/access/keys.json} (replaced
 * whole and forced to disk before a change takes effect, so a key shown to its creator survives a crash), looked up
 * by id in memory. A token is {@code chk_<id>_<secret>}: the id finds the key without trying every hash, the secret
 * is checked against the salted hash in constant time.
 */
@Component
public class ApiKeys {

    static final String PREFIX = "chk_";
    private static final Pattern TOKEN = Pattern.compile("chk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

    private final Path file;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final MultiGauge expiries;
    private volatile Map<String, ApiKey> keys;

    public ApiKeys(HubProperties hub, ObjectMapper mapper, Clock clock, MeterRegistry meters) {
        this.file = hub.dataDir().resolve("access").resolve("keys.json");
        this.mapper = mapper;
        this.clock = clock;
        this.expiries = MultiGauge.builder("hub.access.key.expires").baseUnit("seconds")
                .description("seconds until each live API key expires: alert before an agent's key runs out")
                .register(meters);
        this.keys = load();
        publishExpiries();
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

    public List<ApiKey> all() {
        return keys.values().stream().sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }

    public Optional<ApiKey> get(String id) {
        return Optional.ofNullable(id == null ? null : keys.get(id));
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
        ApiKey key = parts.matches() ? keys.get(parts.group(1)) : null;
        Instant now = clock.instant();
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

    private ApiKey live(String id) {
        ApiKey key = require(id);
        if (!key.live(clock.instant())) {
            throw new RequestRejectedException(409, "key_not_live", "the key " + id + " is revoked or expired; "
                    + "create a new one");
        }
        return key;
    }

    private void save(ApiKey key) {
        Map<String, ApiKey> next = new LinkedHashMap<>(keys);
        next.put(key.id(), key);
        try {
            Files.createDirectories(file.getParent());
            PrivateFiles.replace(file, mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(Map.of("keys", next.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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

    private Map<String, ApiKey> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, List<ApiKey>> stored = mapper.readValue(file.toFile(), new TypeReference<>() { });
            Map<String, ApiKey> loaded = new LinkedHashMap<>();
            stored.getOrDefault("keys", List.of()).forEach(key -> loaded.put(key.id(), key));
            return Map.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys in " + file, e);
        }
    }

    private String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A key and the token that carries it. */
    public record Issued(ApiKey key, String token) {
    }
}
