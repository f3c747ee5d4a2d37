package io.contexthub.artifact;

import io.contexthub.support.PackagedHub;
import org.junit.jupiter.api.AfterEach;

/** The crash test on the production backbone: the hub is killed, never the broker or OpenSearch. */
class KafkaCrashIT extends CrashScenario {

    private final ProductionBackbone backbone = new ProductionBackbone();
    private final PackagedHub hub = PackagedHub.create("crash-kafka", backbone.settings());

    @Override
    PackagedHub hub() {
        return hub;
    }

    @Override
    long storedEvents(PackagedHub hub) throws Exception {
        return backbone.count("event");
    }

    @Override
    String backbone() {
        return "Kafka + OpenSearch";
    }

    @AfterEach
    void stop() {
        hub.close();
        backbone.close();
    }
}
