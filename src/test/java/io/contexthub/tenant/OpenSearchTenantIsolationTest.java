package io.contexthub.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.OpenSearchTestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Tenant isolation on OpenSearch: indices of its own per tenant, the default tenant's keeping their names. */
@TestPropertySource(properties = {"hub.store=opensearch", "hub.opensearch.replicas=0", "hub.opensearch.refresh=true"})
class OpenSearchTenantIsolationTest extends TenantIsolationScenario {

    static final String PREFIX = "tenants" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void backbone(DynamicPropertyRegistry registry) {
        registry.add("hub.opensearch.url", OpenSearchTestNode::url);
        registry.add("hub.opensearch.index-prefix", () -> PREFIX);
    }

    @Test
    void eachTenantHasIndicesOfItsOwnAndTheDefaultKeepsItsNames() throws Exception {
        HttpResponse<String> indices = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                OpenSearchTestNode.url() + "/_cat/indices/" + PREFIX + "*?h=index")).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> names = Arrays.stream(indices.body().split("\\s+")).filter(n -> !n.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).contains(PREFIX + "-customer", PREFIX + "-event", PREFIX + "-identity");
        for (String tenant : java.util.List.of("acme", "globex", "tiny", "busy")) {
            assertThat(names).contains(PREFIX + "-tenant-" + tenant + "-customer",
                    PREFIX + "-tenant-" + tenant + "-event", PREFIX + "-tenant-" + tenant + "-identity");
        }
    }
}
