package io.contexthub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.tenant.Tenants;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The current tenant's dead letters. Every tenant's letters share the bus's dead-letter channel (they carry their
 * envelope, and the envelope its tenant); what is listed, read, redriven or erased is only ever the caller's own.
 */
public class TenantDeadLetters implements DeadLetterStore {

    private final DeadLetterStore all;
    private final Tenants tenants;

    public TenantDeadLetters(DeadLetterStore all, Tenants tenants) {
        this.all = all;
        this.tenants = tenants;
    }

    /** The tenant a dead letter belongs to: its envelope's (letters from before tenants: the default tenant). */
    public static String tenantOf(JsonNode letter) {
        JsonNode tenant = letter.path("tenant");
        if (!tenant.isTextual()) {
            tenant = letter.path("envelope").path("tenant");
        }
        return Tenants.orDefault(tenant.isTextual() ? tenant.asText() : null);
    }

    private Predicate<JsonNode> current() {
        String tenant = tenants.current();
        return letter -> tenant.equals(tenantOf(letter));
    }

    @Override
    public List<JsonNode> list(int limit, Predicate<JsonNode> keep) {
        return all.list(limit, current().and(keep));
    }

    @Override
    public Optional<JsonNode> get(String id) {
        return all.get(id).filter(current());
    }

    @Override
    public void redriven(String id) {
        if (get(id).isPresent()) {
            all.redriven(id);
        }
    }

    @Override
    public void erased(String id) {
        if (get(id).isPresent()) {
            all.erased(id);
        }
    }
}
