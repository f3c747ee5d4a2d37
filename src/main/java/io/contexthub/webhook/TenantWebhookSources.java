package io.contexthub.webhook;

import io.contexthub.mapping.MappingDirectoryResolver;
import io.contexthub.tenant.TenantContexts;
import io.contexthub.tenant.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The webhook sources of every tenant besides the default one. Each tenant gets the same sources the hub has, built
 * by the same classes from its own settings: {@code hub.tenants.<id>.webhooks.*} is read as if it were
 * {@code hub.webhooks.*} (and nothing of the default tenant's secrets is visible to it), in a context of the tenant's
 * own ({@link TenantContexts}). A source added to the hub is therefore a tenant's source too,
 * with no code here naming it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TenantWebhookSources implements MappingDirectoryResolver, DisposableBean {

    private final Tenants tenants;
    private final Map<String, GenericApplicationContext> contexts = new LinkedHashMap<>();
    private final Map<String, List<WebhookSource>> sources = new TreeMap<>();
    private final Map<String, List<MappingDirectoryResolver>> resolvers = new TreeMap<>();

    public TenantWebhookSources(ConfigurableApplicationContext hub, Tenants tenants) {
        this.tenants = tenants;
        for (String tenant : tenants.configured()) {
            GenericApplicationContext context = open(hub, tenant);
            contexts.put(tenant, context);
            List<WebhookSource> own = new ArrayList<>(context.getBeansOfType(WebhookSource.class).values());
            context.getBeansOfType(WebhookSourceGroup.class).values().forEach(g -> own.addAll(g.sources()));
            sources.put(tenant, List.copyOf(own));
            resolvers.put(tenant, List.copyOf(context.getBeansOfType(MappingDirectoryResolver.class).values()));
        }
    }

    /** The sources of a tenant other than the default one, which has the hub's own beans. */
    public List<WebhookSource> of(String tenant) {
        return sources.getOrDefault(tenant, List.of());
    }

    /** A tenant's Standard Webhooks senders may name their own mapping directory, as the default tenant's do. */
    @Override
    public Optional<String> directory(String source) {
        String tenant = tenants.current();
        return resolvers.getOrDefault(tenant, List.of()).stream().map(r -> r.directory(source))
                .flatMap(Optional::stream).findFirst();
    }

    private static GenericApplicationContext open(ConfigurableApplicationContext hub, String tenant) {
        Map<String, Class<?>> beans = new LinkedHashMap<>();
        for (Class<?> type : List.of(WebhookSource.class, WebhookSourceGroup.class)) {
            for (String name : hub.getBeanNamesForType(type)) {
                var definition = TenantContexts.definition(hub, name);
                beans.put(definition.getKey(), definition.getValue());
            }
        }
        return TenantContexts.open(hub, tenant, "webhooks", beans, List.of(), Map.of());
    }

    @Override
    public void destroy() {
        contexts.values().forEach(GenericApplicationContext::close);
    }
}
