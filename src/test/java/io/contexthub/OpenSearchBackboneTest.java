package io.contexthub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contexthub.store.ContextStore;
import io.contexthub.store.opensearch.OpenSearchContextStore;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import io.contexthub.support.OpenSearchTestNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The same routes and mappings with {@code hub.store=opensearch}: a signed webhook ends up in OpenSearch. */
@HubTest
@TestPropertySource(properties = {
        "hub.store=opensearch",
        "hub.opensearch.replicas=0",
        "hub.api.token=os-token",
        "hub.webhooks.frontapp.secret=front_test_app_signing_key"})
class OpenSearchBackboneTest {

    static final String PREFIX = "hub" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void backbone(DynamicPropertyRegistry registry) {
        registry.add("hub.opensearch.url", OpenSearchTestNode::url);
        registry.add("hub.opensearch.index-prefix", () -> PREFIX);
    }

    @LocalServerPort
    int port;
    @Autowired
    ContextStore store;

    @Test
    void aSignedWebhookBecomesSearchableInOpenSearch() {
        assertThat(io.contexthub.tenant.TenantBound.target(store)).isInstanceOf(OpenSearchContextStore.class);
        HubClient hub = new HubClient(port, "os-token");

        assertThat(hub.postFront(FrontEvents.SECRET, FrontEvents.INBOUND.rawBody()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                hub.search("when is my package going to arrive", "event", 3).json().path("hits").path(0).path("id")
                        .asText()).isEqualTo("event:frontapp:msg_1sagx9sk"));
        var customer = hub.api("GET", "/api/context/customer/customer:frontapp:crd_3h53wd0");
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.json().path("name").asText()).isEqualTo("Sabrina Calhoun");
        assertThat(hub.postFront(FrontEvents.SECRET, FrontEvents.INBOUND.rawBody()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.count(null) == 2);
    }
}
