package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.contexthub.connector.frontapp.FrontAppSyncProperties;
import io.contexthub.connector.ga4.Ga4Properties;
import io.contexthub.connector.salesforce.SalesforceProperties;
import io.contexthub.support.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A sync stream's settings have one shape for every connector, {@code hub.connectors.<id>.streams.<stream>.*}; their
 * defaults come from the connector's descriptor, configuration overrides them, and the names of the previous
 * release are still read (with a warning) without beating an explicit new name.
 */
class ConnectorSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theDescriptorsDeclareTheStreamsAndTheirDefaults() {
        Map<String, Object> defaults = ConnectorDefaults.defaults(AssetFiles.PACKAGED);

        assertThat(defaults).containsEntry("hub.connectors.frontapp.streams.events.every", "5m")
                .containsEntry("hub.connectors.ga4.streams.reports.every", "6h")
                .containsEntry("hub.connectors.salesforce.streams.invoices.enabled", "false")
                .containsKey("hub.connectors.salesforce.streams.accounts.soql")
                .allSatisfy((name, value) -> assertThat(name).matches("hub\\.connectors\\.[^.]+\\.streams\\.[^.]+\\.\\w+"));
    }

    @Test
    void configurationOverridesADefaultAndANewEntryIsANewStream() {
        StandardEnvironment environment = environment(Map.of(
                "hub.connectors.salesforce.streams.accounts.every", "1h",
                "hub.connectors.salesforce.streams.cases.soql", "SELECT Id, Subject, SystemModstamp, IsDeleted FROM Case",
                "hub.connectors.salesforce.streams.cases.every", "30m"));

        SalesforceProperties salesforce = bind(environment, "hub.connectors.salesforce", SalesforceProperties.class);

        assertThat(salesforce.streams().get("accounts").every()).isEqualTo(Duration.ofHours(1));
        assertThat(salesforce.streams().get("accounts").object()).isEqualTo("Account");
        assertThat(salesforce.streams().get("contacts").every()).isEqualTo(Duration.ofMinutes(15));
        assertThat(salesforce.streams().get("cases").object()).isEqualTo("Case");
        assertThat(salesforce.streams().get("billing-invoices").enabled()).isFalse();
    }

    @Test
    void theNamesOfTheLastReleaseStillWorkButAnExplicitNewNameWins() {
        StandardEnvironment environment = environment(Map.of(
                "hub.connectors.salesforce.contacts.every", "2h",
                "hub.connectors.salesforce.orders.every", "3h",
                "hub.connectors.salesforce.streams.orders.every", "4h"));
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("HUB_CONNECTORS_GA4_EVERY", "12h", "HUB_CONNECTORS_FRONTAPP_STREAMS_CONTACTS", "90m")));
        new RenamedSettings(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        SalesforceProperties salesforce = bind(environment, "hub.connectors.salesforce", SalesforceProperties.class);
        assertThat(salesforce.streams().get("contacts").every()).isEqualTo(Duration.ofHours(2));
        assertThat(salesforce.streams().get("orders").every()).isEqualTo(Duration.ofHours(4));
        assertThat(bind(environment, "hub.connectors.ga4", Ga4Properties.class).streams().get("reports").every())
                .isEqualTo(Duration.ofHours(12));
        // Front's old shape was a bare duration per stream: read as the stream's schedule
        var front = bind(environment, "hub.connectors.frontapp", FrontAppSyncProperties.class);
        assertThat(front.streams().get("contacts").every()).isEqualTo(Duration.ofMinutes(90));
        assertThat(front.streams().get("events").every()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anAssetsDirectoryDeclaresItsOwnStreams() throws IOException {
        TestFiles.copyTree(Path.of("connectors"), dir.resolve("connectors"));
        Path descriptor = dir.resolve("connectors/ga4/connector.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("      every: 6h", "      every: 2h"));

        assertThat(ConnectorDefaults.defaults(dir.toUri().toString()))
                .containsEntry("hub.connectors.ga4.streams.reports.every", "2h");
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new ConnectorDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static <T> T bind(StandardEnvironment environment, String prefix, Class<T> type) {
        return Binder.get(environment).bindOrCreate(prefix, type);
    }
}
