package io.contexthub.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantsTest {

    static Tenants of(String... ids) {
        Map<String, TenantProperties.Tenant> tenants = new java.util.TreeMap<>();
        for (String id : ids) {
            tenants.put(id, TenantProperties.Tenant.NONE);
        }
        return new Tenants(new TenantProperties(tenants));
    }

    @Test
    void aNameThatCannotBeATenantStopsTheStartNamingTheSetting() {
        for (String id : List.of("default", "Acme", "-acme", "a".repeat(33), "ac me", "acme_co")) {
            assertThatThrownBy(() -> of(id)).as(id).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hub.tenants." + id + ": '" + id + "' cannot name a tenant");
        }
        assertThat(of("acme", "b2b-42").ids()).containsExactly(Tenants.DEFAULT, "acme", "b2b-42");
    }

    @Test
    void withoutTenantsEverythingIsTheDefaultTenants() {
        Tenants single = Tenants.single();
        assertThat(single.multiTenant()).isFalse();
        assertThat(single.current()).isEqualTo(Tenants.DEFAULT);
        assertThat(Tenants.qualify(Tenants.DEFAULT, "stripe:evt_1")).isEqualTo("stripe:evt_1");
        assertThat(Tenants.qualify("acme", "stripe:evt_1")).isEqualTo("acme/stripe:evt_1");
    }

    @Test
    void withTenantsWorkThatNamesNoTenantFailsInsteadOfFallingBackToTheDefault() {
        Tenants tenants = of("acme");
        assertThatThrownBy(tenants::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no tenant is in scope");
        assertThat(tenants.in("acme", () -> tenants.in(Tenants.DEFAULT, tenants::current) + "/"
                + tenants.current())).isEqualTo("default/acme");
        assertThatThrownBy(tenants::current).as("left as it was").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tenants.in("globex", () -> 1)).isInstanceOf(UnknownTenantException.class);
    }

    @Test
    void aProxyWorksOnTheCurrentTenantsInstanceAndClosesThemAll() {
        Tenants tenants = of("acme");
        List<String> closed = new java.util.ArrayList<>();
        TenantBound<Named> bound = new TenantBound<>(tenants, id -> new Named() {
            @Override
            public String name() {
                return id;
            }

            @Override
            public void close() {
                closed.add(id);
            }
        });
        Named proxy = bound.proxy(Named.class);
        assertThat(tenants.in("acme", proxy::name)).isEqualTo("acme");
        assertThat(tenants.in(Tenants.DEFAULT, proxy::name)).isEqualTo(Tenants.DEFAULT);
        assertThatThrownBy(proxy::name).isInstanceOf(IllegalStateException.class);
        proxy.close();
        assertThat(closed).containsExactlyInAnyOrder(Tenants.DEFAULT, "acme");
    }

    interface Named extends AutoCloseable {
        String name();

        @Override
        void close();
    }
}
