package io.contexthub.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential from configuration (a token, a password, a client secret). It prints as {@code ******} wherever it
 * ends up — a settings record's {@code toString()}, a log line, an actuator dump — so no settings type needs a
 * hand-written {@code toString()} to hide it; the value is read only through {@link #reveal()}, where it is used.
 * Bound from a plain string ({@link #valueOf(String)}); compared in constant time ({@link #matches(String)}).
 */
public final class Secret {

    private static final String MASK = "******";

    private final String value;
    private final byte[] digest;

    private Secret(String value) {
        this.value = value;
        this.digest = digest(value);
    }

    /**
     * How configuration binding creates it; null or blank stays "not set"; a {@code file:} or {@code env:}
     * reference is read ({@link SecretReferences}).
     */
    public static Secret valueOf(String value) {
        String resolved = SecretReferences.resolve(value);
        return resolved == null || resolved.isBlank() ? null : new Secret(resolved.trim());
    }

    /** A secret that may be unset: whether it has a value. */
    public static boolean present(Secret secret) {
        return secret != null;
    }

    public String reveal() {
        return value;
    }

    /**
     * Constant-time comparison of digests, so the time an answer takes says nothing about how much of a guess was
     * right, nor about the secret's length.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, digest(candidate));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // equal secrets must hash alike; a real hash would leak a little about the value
    }

    @Override
    public String toString() {
        return MASK;
    }
}
