package io.contexthub.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.platform.HubProperties;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tenant isolation on the embedded store: a Lucene index and identity graph per tenant. */
class LuceneTenantIsolationTest extends TenantIsolationScenario {

    @Autowired
    HubProperties hub;

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
