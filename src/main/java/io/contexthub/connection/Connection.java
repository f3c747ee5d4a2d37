package io.contexthub.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.PermanentFailureException;
import java.time.Instant;
import java.util.Map;

/**
 * A source's connection as it is stored, sealed: its credentials, and what may be shown of it (a hint such as the
 * key's last four characters or the service account's e-mail, who connected it and when). The credentials
 * themselves leave the hub only towards the provider.
 *
 * @param secrets     what the connector needs, by name (e.g. {@code refresh_token}, {@code api_key})
 * @param hint        what identifies the connection to a person, never enough to use it
 * @param connectedAt when it was stored
 * @param connectedBy the key or user that stored it
 */
public record Connection(Map<String, String> secrets, String hint, Instant connectedAt, String connectedBy) {

    /** The name an OAuth source's refresh token is kept under. */
    public static final String REFRESH_TOKEN = "refresh_token";

    public Connection {
        secrets = Map.copyOf(secrets);
    }

    /** A credential by name, or null. */
    public String secret(String name) {
        return secrets.get(name);
    }

    /** What the provider handed over, before the hub stamps it. */
    public static Connection of(Map<String, String> secrets, String hint) {
        return new Connection(secrets, hint, null, null);
    }

    /**
     * The refresh token of a provider's answer to the authorization-code grant, under {@code refresh_token}; its
     * absence is permanent (the app lacks offline access, or the provider changed).
     *
     * @param missing what to say when it is absent
     */
    public static Connection ofRefreshToken(JsonNode answer, String missing, String hint) {
        String refreshToken = answer.path(REFRESH_TOKEN).asText("");
        if (refreshToken.isBlank()) {
            throw new PermanentFailureException(missing);
        }
        return of(Map.of(REFRESH_TOKEN, refreshToken), hint);
    }

    Connection stamped(Instant at, String by) {
        return new Connection(secrets, hint, at, by);
    }
}
