package io.contexthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.audit.AuditLog;
import io.contexthub.canonical.Entity;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.JsonRequests;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.store.DocumentScope;
import io.contexthub.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /api/keys}: an admin creates, lists, rotates and revokes API keys (docs/security.md#api-keys). A token is
 * in the answer that creates or rotates it, and nowhere else; every change is in the audit trail.
 */
@Component("keysApi")
public class KeysApi {

    static final int LONGEST_NAME = 100;
    static final Duration LONGEST_GRACE = Duration.ofDays(7);
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Logger log = LoggerFactory.getLogger(KeysApi.class);

    private final ApiKeys keys;
    private final AccessProperties properties;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Tenants tenants;

    public KeysApi(ApiKeys keys, AccessProperties properties, AuditLog audit, ObjectMapper mapper, Clock clock,
                   Tenants tenants) {
        this.tenants = tenants;
        this.keys = keys;
        this.properties = properties;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void create(Exchange exchange) {
        Grant caller = Grants.of(exchange);
        JsonNode body = JsonRequests.object(exchange, mapper);
        String name = text(body, "name");
        if (name == null || name.length() > LONGEST_NAME) {
            throw RequestRejectedException.badRequest("invalid_name", "name is required, at most " + LONGEST_NAME
                    + " characters: what the key is for");
        }
        String owner = text(body, "owner");
        if (owner != null && owner.length() > LONGEST_NAME) {
            throw RequestRejectedException.badRequest("invalid_owner", "owner has at most " + LONGEST_NAME
                    + " characters");
        }
        Role role = Role.parse(text(body, "role"));
        DocumentScope scope = scope(body.path("scope"), role);
        Instant expiresAt = expiry(text(body, "expiresAt"));
        Integer quota = quota(body.path("requestsPerMinute"));
        String tenant = tenant(caller, text(body, "tenant"), role);
        ApiKeys.Issued issued = keys.create(name, owner == null ? caller.principal() : owner, role, scope, expiresAt,
                quota, tenant);
        audit.append("key.created", caller.principal(), issued.key().principal(),
                Map.of("role", role.id(), "name", name, "keyTenant", tenant));
        log.info("API key {} ({}, role {}) created by {}", issued.key().id(), name, role.id(), caller.principal());
        HttpReplies.json(exchange, 201, view(issued.key()).put("token", issued.token()));
    }

    /** The caller's tenant's keys; a cross-tenant admin sees every key. */
    public void list(Exchange exchange) {
        Grant caller = Grants.of(exchange);
        ObjectNode body = mapper.createObjectNode();
        ArrayNode all = body.putArray("keys");
        keys.all().stream().filter(key -> visible(caller, key)).forEach(key -> all.add(view(key)));
        HttpReplies.json(exchange, 200, body);
    }

    public void get(Exchange exchange, @Header("id") String id) {
        HttpReplies.json(exchange, 200, view(require(Grants.of(exchange), id)));
    }

    /** Another tenant's key is, to a tenant's admin, a key that does not exist. */
    private ApiKey require(Grant caller, String id) {
        ApiKey key = keys.require(id);
        if (!visible(caller, key)) {
            throw RequestRejectedException.notFound("unknown_key", "no API key " + id);
        }
        return key;
    }

    private static boolean visible(Grant caller, ApiKey key) {
        return caller.crossTenant() || caller.tenant().equals(key.tenant());
    }

    /**
     * The tenant of a new key: the caller's unless a cross-tenant admin names another, or {@code *} for an admin
     * key of every tenant (which only a cross-tenant admin can make).
     */
    private String tenant(Grant caller, String asked, Role role) {
        if (asked == null || asked.equals(caller.tenant())) {
            return caller.tenant();
        }
        if (!caller.crossTenant()) {
            throw new RequestRejectedException(403, "forbidden", caller.name() + " belongs to tenant "
                    + caller.tenant() + " and cannot make keys for " + asked);
        }
        if (Tenants.ANY.equals(asked)) {
            if (role != Role.ADMIN) {
                throw RequestRejectedException.badRequest("invalid_tenant", "only admin keys work in every tenant ("
                        + Tenants.ANY + ")");
            }
            return asked;
        }
        if (!tenants.exists(asked)) {
            throw RequestRejectedException.badRequest("invalid_tenant", "no tenant '" + asked + "' is configured");
        }
        return asked;
    }

    /** A new secret; {@code grace} (ISO-8601, e.g. PT1H, at most 7 days) keeps the old one working meanwhile. */
    public void rotate(Exchange exchange, @Header("id") String id, @Header("grace") String grace) {
        Grant caller = Grants.of(exchange);
        Duration overlap = grace(grace);
        require(caller, id);
        ApiKeys.Issued issued = keys.rotate(id, overlap);
        audit.append("key.rotated", caller.principal(), issued.key().principal(), Map.of("grace", overlap.toString()));
        log.info("API key {} rotated by {} (old secret valid for {})", id, caller.principal(), overlap);
        HttpReplies.json(exchange, 200, view(issued.key()).put("token", issued.token()));
    }

    public void revoke(Exchange exchange, @Header("id") String id) {
        Grant caller = Grants.of(exchange);
        require(caller, id);
        ApiKey revoked = keys.revoke(id);
        audit.append("key.revoked", caller.principal(), revoked.principal(), null);
        log.info("API key {} revoked by {}", id, caller.principal());
        HttpReplies.empty(exchange, 204);
    }

    private ObjectNode view(ApiKey key) {
        Instant now = clock.instant();
        ObjectNode node = mapper.createObjectNode();
        node.put("id", key.id());
        node.put("name", key.name());
        node.put("owner", key.owner());
        node.put("role", key.role().id());
        node.put("tenant", key.tenant());
        if (!key.scope().unrestricted()) {
            ObjectNode scope = node.putObject("scope");
            if (key.scope().types() != null) {
                new TreeSet<>(key.scope().types()).forEach(scope.putArray("types")::add);
            }
            if (key.scope().sources() != null) {
                new TreeSet<>(key.scope().sources()).forEach(scope.putArray("sources")::add);
            }
        }
        node.put("requestsPerMinute", key.requestsPerMinute() == null ? properties.requestsPerMinute()
                : key.requestsPerMinute());
        node.put("state", key.revokedAt() != null ? "revoked" : key.live(now) ? "active" : "expired");
        node.put("createdAt", key.createdAt().toString());
        node.put("expiresAt", key.expiresAt().toString());
        if (key.revokedAt() != null) {
            node.put("revokedAt", key.revokedAt().toString());
        }
        if (key.previousValidUntil() != null && now.isBefore(key.previousValidUntil())) {
            node.put("previousSecretValidUntil", key.previousValidUntil().toString());
        }
        return node;
    }

    private static DocumentScope scope(JsonNode scope, Role role) {
        if (scope.isMissingNode() || scope.isNull()) {
            return DocumentScope.ALL;
        }
        if (!scope.isObject()) {
            throw RequestRejectedException.badRequest("invalid_scope", "scope is an object: {\"types\": [...], "
                    + "\"sources\": [...]}");
        }
        Set<String> types = names(scope.path("types"), "types");
        Set<String> sources = names(scope.path("sources"), "sources");
        for (String type : types) {
            if (!Entity.known(type)) {
                throw RequestRejectedException.badRequest("invalid_scope", "scope.types: " + type + " is not one of "
                        + Entity.names());
            }
        }
        for (String source : sources) {
            if (!SOURCE.matcher(source).matches()) {
                throw RequestRejectedException.badRequest("invalid_scope", "scope.sources: " + source
                        + " is not a source name (lower case letters, digits, - and _)");
            }
        }
        DocumentScope narrowed = new DocumentScope(types, sources);
        if (!narrowed.unrestricted() && role != Role.READER) {
            throw RequestRejectedException.badRequest("invalid_scope", "only reader keys are scoped; a " + role.id()
                    + " key sees everything its role allows");
        }
        return narrowed;
    }

    private static Set<String> names(JsonNode list, String field) {
        Set<String> names = new LinkedHashSet<>();
        if (list.isMissingNode() || list.isNull()) {
            return names;
        }
        if (!list.isArray()) {
            throw RequestRejectedException.badRequest("invalid_scope", "scope." + field + " is a list of names");
        }
        list.forEach(item -> names.add(item.asText()));
        return names;
    }

    private Instant expiry(String text) {
        Instant now = clock.instant();
        if (text == null) {
            return now.plus(properties.keyLifetime());
        }
        try {
            Instant expiresAt = Instant.parse(text);
            if (!expiresAt.isAfter(now)) {
                throw RequestRejectedException.badRequest("invalid_expiry", "expiresAt must be in the future");
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.badRequest("invalid_expiry", "expiresAt must be an ISO-8601 instant, "
                    + "e.g. 2027-01-31T00:00:00Z");
        }
    }

    private static Integer quota(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw RequestRejectedException.badRequest("invalid_quota", "requestsPerMinute must be a whole number, "
                    + "1 or more");
        }
        return value.asInt();
    }

    private static Duration grace(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration grace = Duration.parse(text);
            if (grace.isNegative() || grace.compareTo(LONGEST_GRACE) > 0) {
                throw RequestRejectedException.badRequest("invalid_grace", "grace must be between PT0S and P7D");
            }
            return grace;
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.badRequest("invalid_grace", "grace must be an ISO-8601 duration, e.g. PT1H");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

}
