package io.contexthub.support;

import io.contexthub.ContextHubApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a hub instance on the production backbone: staging on a Kafka broker, documents, checkpoints and leases
 * in the OpenSearch test node under an index prefix of the test's own, and a data folder of its own (so nothing
 * it knows after a restart can have come from the local disk).
 */
public final class ProductionHub {

    public static final String API_TOKEN = "backbone-token";

    private ProductionHub() {
    }

    public static ConfigurableApplicationContext start(String kafkaBrokers, String indexPrefix, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--hub.data-dir=target/backbone-" + UUID.randomUUID(),
                "--hub.api.token=" + API_TOKEN,
                "--hub.staging=kafka",
                "--spring.kafka.bootstrap-servers=" + kafkaBrokers,
                "--hub.store=opensearch",
                "--hub.opensearch.url=" + OpenSearchTestNode.url(),
                "--hub.opensearch.index-prefix=" + indexPrefix,
                "--hub.opensearch.replicas=0"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new SpringApplicationBuilder(ContextHubApplication.class).run(args.toArray(String[]::new));
    }

    public static HubClient client(ConfigurableApplicationContext hub) {
        return new HubClient(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")), API_TOKEN);
    }
}
