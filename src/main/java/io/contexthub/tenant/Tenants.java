package io.contexthub.tenant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The tenants of this hub, and which one the current work is for. Every tenant has its own documents, identity
 * graph, suppression list, dead letters and webhook secrets; what is kept per tenant is looked up through
 * {@link #current()}, which the edges set: the API from the caller's grant, webhooks from their path, processing from
 * each envelope. The default tenant always exists and keeps the paths, indices and keys of a hub without tenants.
 * <p>
 * With tenants configured, work that reaches tenant data without naming a tenant fails instead of falling back to
 * the default one, so a code path that forgets the tenant is an error, never a leak.
 */
@Component
public class Tenants {

    public static final String DEFAULT = "default";
    /** The grant value of a key or token that may work in any tenant (a cross-tenant admin). */
    public static final String ANY = "*";
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final Map<String, TenantProperties.Tenant> tenants = new TreeMap<>();

    public Tenants(TenantProperties properties) {
        tenants.put(DEFAULT, TenantProperties.Tenant.NONE);
        properties.tenants().forEach((id, tenant) -> {
            if (!ID.matcher(id).matches() || DEFAULT.equals(id)) {
                throw new IllegalStateException("hub.tenants." + id + ": '" + id + "' cannot name a tenant; use "
                        + "1 to 32 lower case letters, digits or -, starting with a letter or digit, and not '"
                        + DEFAULT + "'");
            }
            tenants.put(id, tenant);
        });
    }

    /** A hub with only the default tenant. */
    public static Tenants single() {
        return new Tenants(new TenantProperties(null));
    }

    /** Every tenant id, the default one first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(DEFAULT);
        tenants.keySet().stream().filter(id -> !DEFAULT.equals(id)).forEach(ids::add);
        return Collections.unmodifiableList(ids);
    }

    /** The tenants configured besides the default one. */
    public List<String> configured() {
        return ids().subList(1, ids().size());
    }

    public boolean multiTenant() {
        return tenants.size() > 1;
    }

    public boolean exists(String id) {
        return id != null && tenants.containsKey(id);
    }

    public TenantProperties.Tenant settings(String id) {
        TenantProperties.Tenant tenant = tenants.get(id);
        if (tenant == null) {
            throw new UnknownTenantException(id);
        }
        return tenant;
    }

    /** The tenant the current work is for. */
    public String current() {
        String id = CURRENT.get();
        if (id != null) {
            return id;
        }
        if (multiTenant()) {
            throw new IllegalStateException("no tenant is in scope: tenant data was reached by a path that does not "
                    + "say which tenant it works for");
        }
        return DEFAULT;
    }

    /** The tenant in scope, if any has been entered (for records that name it when there is one). */
    public static java.util.Optional<String> inScope() {
        return java.util.Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} for {@code tenant} (null: the default tenant), then restores what was in scope before. */
    public <T> T in(String tenant, Supplier<T> work) {
        String id = tenant == null ? DEFAULT : tenant;
        if (!exists(id)) {
            throw new UnknownTenantException(id);
        }
        String before = CURRENT.get();
        CURRENT.set(id);
        try {
            return work.get();
        } finally {
            restore(before);
        }
    }

    public void run(String tenant, Runnable work) {
        in(tenant, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Puts {@code tenant} in scope until {@link #leave} — for work that starts and ends in two callbacks (a route's
     * exchange); returns what was in scope before, for {@code leave}.
     */
    public String enter(String tenant) {
        String id = tenant == null ? DEFAULT : tenant;
        if (!exists(id)) {
            throw new UnknownTenantException(id);
        }
        String before = CURRENT.get();
        CURRENT.set(id);
        return before;
    }

    public void leave(String before) {
        restore(before);
    }

    private static void restore(String before) {
        if (before == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(before);
        }
    }

    /**
     * A key that is unique across tenants: itself for the default tenant (so a hub that had no tenants keeps its
     * delivery keys), {@code <tenant>/<key>} for the others.
     */
    public static String qualify(String tenant, String key) {
        return tenant == null || DEFAULT.equals(tenant) ? key : tenant + "/" + key;
    }

    /**
     * Where a tenant's own files live: {@code dataDir} itself for the default tenant (a hub that had no tenants
     * keeps its index), {@code <dataDir>/tenants/<id>} for the others.
     */
    public static java.nio.file.Path dataDir(java.nio.file.Path dataDir, String tenant) {
        return DEFAULT.equals(tenant) ? dataDir : dataDir.resolve("tenants").resolve(tenant);
    }

    /**
     * The OpenSearch index prefix of a tenant: the configured prefix for the default tenant,
     * {@code <prefix>-tenant-<id>} for the others (an index per tenant: measured cheaper than a tenant filter in
     * shared indices, docs/performance.md#tenants-on-opensearch).
     */
    public static String indexPrefix(String prefix, String tenant) {
        return DEFAULT.equals(tenant) ? prefix : prefix + "-tenant-" + tenant;
    }

    /** The tenant an envelope, dead letter or job names; those from before tenants name none: the default one. */
    public static String orDefault(String tenant) {
        return tenant == null || tenant.isBlank() ? DEFAULT : tenant;
    }
}
