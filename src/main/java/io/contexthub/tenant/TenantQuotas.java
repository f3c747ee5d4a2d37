package io.contexthub.tenant;

import io.contexthub.ratelimit.Limiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Each tenant's share of the hub: webhook requests per second and API requests per minute (Resilience4j rate
 * limiters, one per tenant and kind, on top of the hub-wide webhook limit and each key's own quota), and the documents
 * it may keep. Counted as {@code hub_tenant_requests_total{tenant, kind, outcome}}.
 */
@Component
public class TenantQuotas {

    /** What a limit counts. */
    public enum Kind {
        API("api", Duration.ofMinutes(1), TenantProperties.Tenant::requestsPerMinute),
        WEBHOOK("webhook", Duration.ofSeconds(1), TenantProperties.Tenant::webhookRequestsPerSecond);

        private final String tag;
        private final Duration period;
        private final Function<TenantProperties.Tenant, Integer> limit;

        Kind(String tag, Duration period, Function<TenantProperties.Tenant, Integer> limit) {
            this.tag = tag;
            this.period = period;
            this.limit = limit;
        }
    }

    private final Tenants tenants;
    private final MeterRegistry meters;
    private final Map<String, Limiter> limits = new ConcurrentHashMap<>();

    public TenantQuotas(Tenants tenants, MeterRegistry meters) {
        this.tenants = tenants;
        this.meters = meters;
    }

    /** Zero when the tenant may go on now (or has no such limit); else how long until it may. */
    public Duration acquire(String tenant, Kind kind) {
        Integer perPeriod = kind.limit.apply(tenants.settings(tenant));
        if (perPeriod == null) {
            return Duration.ZERO;
        }
        return limits.computeIfAbsent(kind.tag + "/" + tenant, key -> new Limiter("tenant-" + kind.tag + "-" + tenant,
                perPeriod, kind.period, counter(tenant, kind, "allowed"), counter(tenant, kind, "throttled")))
                .acquire();
    }

    /** The documents the tenant may keep; null: no limit. */
    public Long maxDocuments(String tenant) {
        return tenants.settings(tenant).maxDocuments();
    }

    private Counter counter(String tenant, Kind kind, String outcome) {
        return Counter.builder("hub.tenant.requests").description("API and webhook requests per tenant, where the "
                        + "tenant has a limit").tag("tenant", tenant).tag("kind", kind.tag).tag("outcome", outcome)
                .register(meters);
    }

}
