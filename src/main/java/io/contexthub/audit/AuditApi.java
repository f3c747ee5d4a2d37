package io.contexthub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.tenant.Tenants;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/audit[?after=<seq>&limit=]}: the audit entries, oldest first; {@code GET /api/audit/verify}: the
 * chain recomputed ({@code valid}, and where it breaks). Records the hub's own start.
 */
@Component("auditApi")
public class AuditApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MOST = 1_000;
    private static final Logger log = LoggerFactory.getLogger(AuditApi.class);

    private final AuditLog audit;
    private final HubProperties hub;
    private final ObjectMapper mapper;

    private final Tenants tenants;

    public AuditApi(AuditLog audit, HubProperties hub, ObjectMapper mapper, Tenants tenants) {
        this.tenants = tenants;
        this.audit = audit;
        this.hub = hub;
        this.mapper = mapper;
    }

    public void list(Exchange exchange, @Header("after") String after, @Header("limit") String limit) {
        long from = number(after, "after", 0, Long.MAX_VALUE, 0);
        int size = (int) number(limit, "limit", 1, MOST, DEFAULT_LIMIT);
        ObjectNode body = mapper.createObjectNode();
        body.set("entries", mapper.valueToTree(audit.entries(tenants.current(), from, size)));
        body.put("head", audit.head());
        HttpReplies.json(exchange, 200, body);
    }

    public void verify(Exchange exchange) {
        HttpReplies.json(exchange, 200, mapper.valueToTree(audit.verify()));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void started() {
        audit.append("hub.started", "hub", null, Map.of("staging", hub.staging().name(), "store", hub.store().name()));
        log.info("audit log head {} (compare with the last start's to tell a truncated log)", audit.head());
    }

    private static long number(String value, String name, long min, long max, long otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw RequestRejectedException.badRequest("invalid_" + name, name + " must be a whole number from " + min
                    + " to " + max);
        }
    }
}
