package io.contexthub.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.platform.HubProperties;
import io.contexthub.support.ConsoleBrowser;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tenant isolation on the embedded store: a Lucene index and identity graph per tenant. */
class LuceneTenantIsolationTest extends TenantIsolationScenario {

    @Autowired
    HubProperties hub;

    @Test
    void aCrossTenantAdminPicksTheConsolesTenantAndATenantsAdminIsNotOffered() throws Exception {
        ConsoleBrowser bootstrap = new ConsoleBrowser(port);
        bootstrap.login(TOKEN);
        String overview = bootstrap.get("/console").body();
        assertThat(overview).contains("id=\"tenant-choice\"").contains(">acme<").contains("tenant default)")
                .contains("/webhooks/shop").doesNotContain("/webhooks/acme/");

        assertThat(bootstrap.submit("/console", "/console/tenant", "tenant=acme").statusCode()).isEqualTo(302);
        String asAcme = bootstrap.get("/console").body();
        assertThat(asAcme).contains("Working in tenant acme.").contains("tenant acme)")
                .contains("/webhooks/acme/shop");
        bootstrap.submit("/console", "/console/tenant", "tenant=nope");
        assertThat(bootstrap.get("/console").body()).contains("no tenant &#39;nope&#39; is configured")
                .contains("tenant acme)");

        ConsoleBrowser acmeAdmin = new ConsoleBrowser(port);
        acmeAdmin.login(admins.get("acme"));
        assertThat(acmeAdmin.get("/console").body()).doesNotContain("tenant-choice").contains("tenant acme)");
        acmeAdmin.submit("/console", "/console/tenant", "tenant=globex");
        assertThat(acmeAdmin.get("/console").body()).contains("works in tenant acme only")
                .doesNotContain("/webhooks/globex/");
    }

    @Test
    void eachTenantHasItsOwnIndexOnDiskAndTheDefaultKeepsTheOldPlace() {
        assertThat(hub.dataDir().resolve("index")).isDirectory();
        for (String tenant : java.util.List.of("acme", "globex", "tiny", "busy")) {
            assertThat(hub.dataDir().resolve("tenants").resolve(tenant).resolve("index")).isDirectory();
            assertThat(hub.dataDir().resolve("tenants").resolve(tenant).resolve("identity")).isDirectory();
        }
        assertThat(Files.exists(hub.dataDir().resolve("tenants").resolve(Tenants.DEFAULT))).isFalse();
    }
}
