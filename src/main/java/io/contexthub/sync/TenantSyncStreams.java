package io.contexthub.sync;

import io.contexthub.platform.ConfigurationDefaults;
import io.contexthub.platform.ConnectorDefaults;
import io.contexthub.tenant.TenantBound;
import io.contexthub.tenant.TenantContexts;
import io.contexthub.tenant.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The sync streams of every tenant that configures connectors ({@code hub.tenants.<id>.connectors.<name>.*}, read as
 * {@code hub.connectors.<name>.*} for that tenant): each connector the tenant names is built again, by the hub's own
 * classes, from the tenant's credentials and settings, with the tenant's checkpoint store ({@link TenantContexts}).
 * Connectors whose calls do not go through the shared {@code sync.fetch} route (Salesforce, over camel-salesforce,
 * whose session is one per hub) sync for the default tenant only; naming one for a tenant stops the start.
 */
@Component
public class TenantSyncStreams implements DisposableBean {

    private final Map<String, List<SyncStream>> streams = new TreeMap<>();
    private final List<GenericApplicationContext> contexts = new ArrayList<>();

    public TenantSyncStreams(ConfigurableApplicationContext hub, Tenants tenants,
                             TenantBound<CheckpointStore> checkpoints) {
        Map<String, Set<String>> beansByConnector = new TreeMap<>();
        Set<String> shared = new TreeSet<>();
        for (Class<?> type : List.of(SyncStream.class, SyncStreamGroup.class)) {
            for (String name : hub.getBeanNamesForType(type)) {
                Object bean = hub.getBean(name);
                List<SyncStream> made = bean instanceof SyncStreamGroup group ? group.streams() : List.of((SyncStream) bean);
                for (SyncStream stream : made) {
                    beansByConnector.computeIfAbsent(stream.connector(), c -> new TreeSet<>()).add(name);
                    if (!SyncStream.DEFAULT_FETCH.equals(stream.fetch())) {
                        shared.add(stream.connector());
                    }
                }
            }
        }
        for (String tenant : tenants.configured()) {
            Set<String> named = new TreeSet<>();
            TenantContexts.settings(hub, tenant, "connectors").keySet()
                    .forEach(key -> named.add(key.substring("hub.connectors.".length()).split("[.\\[]")[0]));
            if (named.isEmpty()) {
                continue;
            }
            Map<String, Class<?>> beans = new LinkedHashMap<>();
            for (String connector : named) {
                String setting = "hub.tenants." + tenant + ".connectors." + connector;
                if (!beansByConnector.containsKey(connector)) {
                    throw new IllegalStateException(setting + ": there is no connector named " + connector
                            + " (one of " + beansByConnector.keySet() + ")");
                }
                if (shared.contains(connector)) {
                    throw new IllegalStateException(setting + ": " + connector + " syncs for the default tenant only "
                            + "(hub.connectors." + connector + ")");
                }
                for (String name : beansByConnector.get(connector)) {
                    var defining = TenantContexts.definition(hub, name);
                    beans.put(defining.getKey(), defining.getValue());
                    // the connector's API client, from the same package: it holds the tenant's credentials
                    for (String api : hub.getBeanNamesForType(SyncApi.class)) {
                        var client = TenantContexts.definition(hub, api);
                        if (client.getValue().getPackageName().equals(defining.getValue().getPackageName())) {
                            beans.putIfAbsent(client.getKey(), client.getValue());
                        }
                    }
                }
            }
            GenericApplicationContext context = TenantContexts.open(hub, tenant, "connectors", beans,
                    defaults(hub), Map.of(checkpointBean(hub), checkpoints.of(tenant)));
            contexts.add(context);
            List<SyncStream> mine = new ArrayList<>(context.getBeansOfType(SyncStream.class).values());
            context.getBeansOfType(SyncStreamGroup.class).values().forEach(g -> mine.addAll(g.streams()));
            streams.put(tenant, mine.stream().filter(s -> named.contains(s.connector())).toList());
        }
    }

    /** The streams of every tenant other than the default one (whose streams are the hub's own beans). */
    public Map<String, List<SyncStream>> all() {
        return Map.copyOf(streams);
    }

    /** The defaults of the connectors' settings (from their descriptors), below the tenant's own settings. */
    private static List<PropertySource<?>> defaults(ConfigurableApplicationContext hub) {
        var sources = hub.getEnvironment().getPropertySources();
        return java.util.stream.Stream.of(sources.get(ConnectorDefaults.SOURCE),
                sources.get(ConfigurationDefaults.SOURCE)).filter(Objects::nonNull).<PropertySource<?>>map(s -> s)
                .toList();
    }

    private static String checkpointBean(ConfigurableApplicationContext hub) {
        String[] names = hub.getBeanNamesForType(CheckpointStore.class);
        return names.length == 1 ? names[0] : "checkpointStore";
    }

    @Override
    public void destroy() {
        contexts.forEach(GenericApplicationContext::close);
    }
}
