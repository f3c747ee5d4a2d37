package io.contexthub.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The tenants one hub serves besides the default one ({@code hub.tenants.<id>.*}). None configured: the hub has only
 * the default tenant and behaves as it always did.
 *
 * @param tenants tenants by id (lower case letters, digits and {@code -}, at most 32, not {@code default}), e.g.
 *                {@code hub.tenants.acme.webhooks.frontapp.secret=...}
 */
@Validated
@ConfigurationProperties("hub")
public record TenantProperties(Map<String, @Valid Tenant> tenants) {

    public TenantProperties {
        tenants = tenants == null ? Map.of() : new TreeMap<>(tenants);
    }

    /**
     * One tenant.
     *
     * @param webhooks                 its webhook secrets, named as under {@code hub.webhooks} (e.g.
     *                                 {@code hub.tenants.acme.webhooks.frontapp.secret},
     *                                 {@code hub.tenants.acme.webhooks.senders.shop.secret}); its senders post to
     *                                 {@code /webhooks/<id>/<source>}
     * @param connectors               its sync connectors' credentials and settings, named as under
     *                                 {@code hub.connectors} (e.g. {@code hub.tenants.acme.connectors.stripe.api-key});
     *                                 a connector it names syncs for it with its own checkpoints
     * @param webhookRequestsPerSecond webhook requests admitted per second for this tenant, on top of the hub's
     *                                 {@code hub.webhooks.rate-limit}; unset: only that limit
     * @param requestsPerMinute        API and MCP requests per minute for all of this tenant's keys together, on top
     *                                 of each key's own quota; unset: no tenant-wide limit
     * @param maxDocuments             documents this tenant may keep in the context store; a new document beyond it
     *                                 is refused and dead-lettered (updates of stored ones go on); unset: no limit
     */
    public record Tenant(Map<String, Object> webhooks,
                         Map<String, Object> connectors,
                         @Positive Integer webhookRequestsPerSecond,
                         @Positive Integer requestsPerMinute,
                         @Positive Long maxDocuments) {

        public Tenant {
            webhooks = webhooks == null ? Map.of() : webhooks;
            connectors = connectors == null ? Map.of() : connectors;
        }

        /** A tenant with no settings: the default tenant's, and any tenant's before it is configured. */
        public static final Tenant NONE = new Tenant(null, null, null, null, null);
    }
}
