package io.contexthub.artifact;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.KafkaTestBroker;
import io.contexthub.support.OpenSearchTestNode;
import io.contexthub.support.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production backbone for packaged hubs: a Kafka broker process and the OpenSearch test node, reached through
 * a proxy so a test can take the store away. Each test class gets a broker and an index prefix of its own.
 */
final class ProductionBackbone implements AutoCloseable {

    final KafkaTestBroker kafka = KafkaTestBroker.start();
    final TcpProxy openSearch;
    final String indexPrefix = "it" + Long.toHexString(System.nanoTime());

    ProductionBackbone() {
        URI node = URI.create(OpenSearchTestNode.url());
        openSearch = new TcpProxy(node.getHost(), node.getPort());
    }

    /** The environment a packaged hub on this backbone runs with. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET);
        settings.put("HUB_STAGING", "kafka");
        settings.put("SPRING_KAFKA_BOOTSTRAPSERVERS", kafka.bootstrapServers());
        settings.put("HUB_KAFKA_PARTITIONS", "2");
        settings.put("HUB_STORE", "opensearch");
        settings.put("HUB_OPENSEARCH_URL", "http://127.0.0.1:" + openSearch.port());
        settings.put("HUB_OPENSEARCH_INDEXPREFIX", indexPrefix);
        settings.put("HUB_OPENSEARCH_REPLICAS", "0");
        settings.put("HUB_AUDIT_KEY", "backbone-audit-key");
        return settings;
    }

    /** Documents of one type in OpenSearch, counted on the node itself after a refresh. */
    long count(String type) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String index = OpenSearchTestNode.url() + "/" + indexPrefix + "-" + type;
        http.send(HttpRequest.newBuilder(URI.create(index + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        String body = http.send(HttpRequest.newBuilder(URI.create(index + "/_count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("count").asLong(-1);
    }

    @Override
    public void close() {
        kafka.close();
        openSearch.close();
    }
}
