package io.contexthub.access;

import io.contexthub.platform.Hmac;
import io.contexthub.store.DocumentScope;
import io.contexthub.tenant.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * An API key as the hub keeps it: its grant and lifetime, and only a salted hash of its secret (the token is shown
 * once, when it is created or rotated).
 *
 * @param id                 public part of the token, and how the key is named in the API and the audit trail
 * @param name               what the key is for ("support agent")
 * @param owner              who answers for it (a person or team)
 * @param role               what it may do
 * @param scope              the documents a reader key may see
 * @param createdAt          when it was created
 * @param expiresAt          after this it is refused
 * @param revokedAt          when it was revoked; null while it is live
 * @param hash               the current secret's salted hash
 * @param previous           the secret before the last rotation, still accepted until {@code previousValidUntil}
 * @param previousValidUntil end of the rotation's grace period
 * @param requestsPerMinute  the key's own request quota; null: {@code hub.access.requests-per-minute}
 * @param tenant             the tenant it belongs to, or {@link Tenants#ANY} for an admin key of every tenant; keys
 *                           from before tenants belong to the default one
 */
public record ApiKey(String id, String name, String owner, Role role, DocumentScope scope, Instant createdAt,
                     Instant expiresAt, Instant revokedAt, Hash hash, Hash previous, Instant previousValidUntil,
                     Integer requestsPerMinute, String tenant) {

    public ApiKey {
        tenant = Tenants.orDefault(tenant);
    }

    public Grant grant() {
        boolean any = crossTenant();
        return new Grant(principal(), name, role, scope, requestsPerMinute, any ? Tenants.DEFAULT : tenant, any);
    }

    public boolean crossTenant() {
        return Tenants.ANY.equals(tenant);
    }

    /** How the key is named as an actor: in the audit trail, the metrics and the grant. */
    public String principal() {
        return "key:" + id;
    }

    public boolean live(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Whether the secret is this key's, or its previous one within the grace period. */
    boolean accepts(String secret, Instant now) {
        boolean current = hash.matches(secret);
        boolean old = previous != null && now.isBefore(previousValidUntil) && previous.matches(secret);
        return current | old; // both evaluated, so the time taken does not say which one matched
    }

    ApiKey rotated(Hash next, Instant now, Instant oldValidUntil) {
        boolean grace = oldValidUntil.isAfter(now);
        return new ApiKey(id, name, owner, role, scope, createdAt, expiresAt, revokedAt, next,
                grace ? hash : null, grace ? oldValidUntil : null, requestsPerMinute, tenant);
    }

    ApiKey revoked(Instant now) {
        return new ApiKey(id, name, owner, role, scope, createdAt, expiresAt, now, hash, null, null,
                requestsPerMinute, tenant);
    }

    /**
     * A salted HMAC-SHA256 of a secret. The secrets are 256 random bits, so a slow password hash would add nothing
     * but latency to every request; the salt keeps equal secrets (there are none) and precomputed tables useless.
     */
    public record Hash(String salt, String value) {

        static Hash of(String secret, SecureRandom random) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            String encoded = Base64.getEncoder().encodeToString(salt);
            return new Hash(encoded, digest(salt, secret));
        }

        boolean matches(String secret) {
            return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                    digest(Base64.getDecoder().decode(salt), secret).getBytes(StandardCharsets.US_ASCII));
        }

        private static String digest(byte[] salt, String secret) {
            return Hmac.sha256Hex(salt, secret.getBytes(StandardCharsets.UTF_8));
        }
    }
}
