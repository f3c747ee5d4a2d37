package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.support.FrontEvents;
import io.contexthub.support.PackagedHub;
import io.contexthub.support.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hub that would stage events and never index them refuses to start, and says why. */
class FailFastIT {

    @Test
    void aMissingConsumerRouteStopsTheHubNamingIt() throws Exception {
        Path assets = Files.createTempDirectory(Path.of("target"), "assets-");
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            TestFiles.copyTree(Path.of(folder), assets.resolve(folder));
        }
        Path consumer = assets.resolve("routes/staging/spool.yaml");
        Files.writeString(consumer, Files.readString(consumer).replace("id: stage.spool.consume", "id: stage.renamed"));

        try (PackagedHub hub = PackagedHub.create("failfast", Map.of(
                "HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET, "HUB_ASSETSDIR", assets.toString()))) {
            hub.launch();
            assertThat(hub.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(hub.log()).contains("the hub would accept events it never indexes")
                    .contains("consumer route stage.spool.consume is not loaded");
        }
    }

    @Test
    void anUnknownBusStopsTheHubNamingTheSetting() {
        try (PackagedHub hub = PackagedHub.create("failfast-bus", Map.of("HUB_STAGING", "rabbitmq"))) {
            hub.launch();
            assertThat(hub.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(hub.log()).contains("hub.staging=rabbitmq");
        }
    }

    @Test
    void aModelFolderWithoutTheModelStopsTheHubNamingTheSetting() throws Exception {
        Path empty = Files.createTempDirectory(Path.of("target"), "model-");
        try (PackagedHub hub = PackagedHub.create("failfast-model", Map.of("HUB_EMBEDDING_MODELDIR", empty.toString()))) {
            hub.launch();
            assertThat(hub.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(hub.log()).contains("hub.embedding.model-dir=").contains("must contain model.onnx");
        }
    }

    @Test
    void aTenantThatCannotBeOneStopsTheHubNamingTheSetting() {
        try (PackagedHub hub = PackagedHub.create("failfast-tenant", Map.of(
                "HUB_TENANTS_DEFAULT_MAXDOCUMENTS", "5"))) {
            hub.launch();
            assertThat(hub.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(hub.log()).contains("hub.tenants.default: 'default' cannot name a tenant");
        }
    }

    @Test
    void aTenantNamingAConnectorThatSyncsForTheWholeHubOnlyStopsTheHubNamingTheSetting() {
        try (PackagedHub hub = PackagedHub.create("failfast-tenant-sync", Map.of(
                "HUB_TENANTS_ACME_CONNECTORS_SALESFORCE_CLIENTID", "acme-client"))) {
            hub.launch();
            assertThat(hub.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(hub.log()).contains("hub.tenants.acme.connectors.salesforce: salesforce syncs for the default "
                    + "tenant only");
        }
    }
}
