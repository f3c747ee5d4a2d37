package io.contexthub.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.access.Grants;
import io.contexthub.audit.AuditLog;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.JsonRequests;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.platform.TransientFailureException;
import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncRuns;
import io.contexthub.sync.SyncStream;
import io.contexthub.tenant.Tenants;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /api/connections}: the sources of the caller's tenant whose credentials may be handed over here rather
 * than configured. OAuth sources: {@code POST …/{name}/authorize} gives the consent page's URL with a fresh state
 * (and PKCE verifier), {@code POST …/{name}/token} exchanges the code the provider sent back and stores the result;
 * key sources: {@code PUT …/{name}} with the key, checked with the provider first. {@code DELETE …/{name}} returns
 * the source to its configured credentials. Stored credentials are never answered back, only a hint.
 */
@Component("connectionsApi")
public class ConnectionsApi {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsApi.class);

    private final SyncRuns runs;
    private final ConnectionVault vault;
    private final ConnectionProperties properties;
    private final AuditLog audit;
    private final Tenants tenants;
    private final Clock clock;
    private final ObjectMapper mapper;

    public ConnectionsApi(SyncRuns runs, ConnectionVault vault, ConnectionProperties properties, AuditLog audit,
                          Tenants tenants, Clock clock, ObjectMapper mapper) {
        this.runs = runs;
        this.vault = vault;
        this.properties = properties;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
        this.mapper = mapper;
    }

    public void list(Exchange exchange) {
        ObjectNode body = mapper.createObjectNode().put("available", vault.unavailable() == null);
        if (vault.unavailable() != null) {
            body.put("unavailable", vault.unavailable());
        }
        if (properties.redirectUri() != null) {
            body.put("redirectUri", properties.redirectUri().toString());
        }
        connectables().values().forEach(source -> body.withArray("connections").add(view(source)));
        body.withArray("connections");
        HttpReplies.json(exchange, 200, body);
    }

    /** Starts the authorization-code flow: the consent page to send the browser to, with the values to check after. */
    public void authorize(Exchange exchange, @Header("name") String name) {
        OAuthConnectable source = oauth(name);
        JsonNode request = JsonRequests.object(exchange, mapper);
        String redirectUri = redirectUri(request);
        String state = Pkce.random();
        String verifier = source.pkce() ? Pkce.random() : null;
        ObjectNode body = mapper.createObjectNode().put("connector", source.connector())
                .put("authorizationUrl", source.authorizationUrl(redirectUri, state,
                        verifier == null ? null : Pkce.challenge(verifier)).toString())
                .put("state", state).put("redirectUri", redirectUri);
        if (verifier != null) {
            body.put("codeVerifier", verifier);
        }
        HttpReplies.json(exchange, 200, body);
    }

    /** Exchanges the code the provider sent back to the redirect URI, and stores what it answered, sealed. */
    public void token(Exchange exchange, @Header("name") String name) {
        OAuthConnectable source = oauth(name);
        JsonNode request = JsonRequests.object(exchange, mapper);
        String code = required(request, "code");
        String redirectUri = redirectUri(request);
        String verifier = request.path("codeVerifier").asText("");
        if (source.pkce() && verifier.isBlank()) {
            throw RequestRejectedException.badRequest("invalid_request", "codeVerifier is required: " + name
                    + " was asked with a PKCE challenge (the value authorize answered)");
        }
        Connection connection = withProvider(source, () -> source.exchange(code, redirectUri,
                source.pkce() ? verifier : null));
        store(exchange, source, connection, "oauth");
    }

    /** Stores a key source's key, once the provider has taken it. */
    public void put(Exchange exchange, @Header("name") String name) {
        Connectable found = connectable(name);
        if (!(found instanceof KeyConnectable source)) {
            throw new RequestRejectedException(409, "oauth_source", name + " is connected with OAuth: POST "
                    + "/api/connections/" + name + "/authorize");
        }
        JsonNode request = JsonRequests.object(exchange, mapper);
        Connection connection = withProvider(source, () -> source.accept(request));
        store(exchange, source, connection, "key");
    }

    /** Removes the stored connection: the source goes back to the credentials in configuration, if any. */
    public void remove(Exchange exchange, @Header("name") String name) {
        Connectable source = connectable(name);
        boolean had = source.connection().current().isPresent();
        source.connection().remove();
        if (had) {
            audit.append("connection.removed", Grants.of(exchange).principal(), source.connector(), Map.of());
            log.info("{}: connection removed through the API", source.connector());
        }
        HttpReplies.json(exchange, 200, view(source));
    }

    private void store(Exchange exchange, Connectable source, Connection connection, String method) {
        String actor = Grants.of(exchange).principal();
        source.connection().store(connection.stamped(clock.instant(), actor));
        audit.append("connection.stored", actor, source.connector(), Map.of("method", method));
        log.info("{}: connected through the API by {} ({})", source.connector(), actor, connection.hint());
        HttpReplies.json(exchange, 200, view(source));
    }

    private static Connection withProvider(Connectable source, Supplier<Connection> call) {
        try {
            return call.get();
        } catch (PermanentFailureException refused) {
            throw new RequestRejectedException(422, "refused", refused.getMessage());
        } catch (TransientFailureException unavailable) {
            throw new RequestRejectedException(503, "provider_unavailable", source.connector()
                    + " could not be asked now: " + unavailable.getMessage() + "; try again");
        }
    }

    private ObjectNode view(Connectable source) {
        ObjectNode node = mapper.createObjectNode().put("connector", source.connector());
        if (source instanceof OAuthConnectable oauth) {
            node.put("method", "oauth").put("pkce", oauth.pkce());
        } else if (source instanceof KeyConnectable keyed) {
            node.put("method", "key");
            keyed.fields().forEach(node.withArray("fields")::add);
        }
        var connection = source.connection().current();
        node.put("connected", connection.isPresent());
        connection.ifPresent(c -> node.put("hint", c.hint()).put("connectedAt", String.valueOf(c.connectedAt()))
                .put("connectedBy", c.connectedBy()));
        node.put("credentials", connection.isPresent() ? "connection"
                : configured(source) ? "configuration" : "none");
        if (source.notConnectable() != null) {
            node.put("notConnectable", source.notConnectable());
        }
        return node;
    }

    private static boolean configured(Connectable source) {
        return source instanceof SyncApi api && api.configured();
    }

    private Map<String, Connectable> connectables() {
        Map<String, Connectable> found = new TreeMap<>();
        for (SyncStream stream : runs.streams(tenants.current())) {
            if (stream.api() instanceof Connectable source) {
                found.putIfAbsent(source.connector(), source);
            }
        }
        return found;
    }

    private Connectable connectable(String name) {
        Connectable source = connectables().get(name);
        if (source == null) {
            throw RequestRejectedException.notFound("unknown_connector", "no source " + name + " can be connected "
                    + "here; connectable: " + connectables().keySet());
        }
        if (vault.unavailable() != null) {
            throw new RequestRejectedException(409, "not_available", vault.unavailable());
        }
        if (source.notConnectable() != null) {
            throw new RequestRejectedException(409, "not_connectable", source.notConnectable());
        }
        return source;
    }

    private OAuthConnectable oauth(String name) {
        Connectable found = connectable(name);
        if (found instanceof OAuthConnectable source) {
            return source;
        }
        throw new RequestRejectedException(409, "key_source", name + " is connected with a key: PUT "
                + "/api/connections/" + name + " with " + ((KeyConnectable) found).fields());
    }

    private String redirectUri(JsonNode request) {
        String given = request.path("redirectUri").asText("").trim();
        if (given.isEmpty()) {
            if (properties.redirectUri() == null) {
                throw RequestRejectedException.badRequest("invalid_request", "redirectUri is required (or set "
                        + "hub.connections.redirect-uri)");
            }
            return properties.redirectUri().toString();
        }
        URI uri;
        try {
            uri = URI.create(given);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.badRequest("invalid_request", "redirectUri is not a URI: " + given);
        }
        if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getFragment() != null) {
            throw RequestRejectedException.badRequest("invalid_request", "redirectUri must be an absolute http(s) "
                    + "URI without a fragment, as registered with the provider's app");
        }
        return given;
    }

    private static String required(JsonNode request, String field) {
        String value = request.path(field).asText("").trim();
        if (value.isEmpty()) {
            throw RequestRejectedException.badRequest("invalid_request", field + " is required");
        }
        return value;
    }
}
