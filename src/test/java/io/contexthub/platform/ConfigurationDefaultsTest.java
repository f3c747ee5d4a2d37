package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ConfigurationDefaultsTest {

    @Test
    void routesSeeTheRecordsDefaultsAndAnythingConfiguredWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("hub.webhooks.rate-limit.requests", "7");
        new ConfigurationDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("hub.webhooks.rate-limit.requests")).isEqualTo("7");
        assertThat(environment.getProperty("hub.webhooks.rate-limit.period-millis")).isEqualTo("1000");
        assertThat(environment.getProperty("hub.processing.circuit-breaker.failure-rate-threshold")).isEqualTo("50");
        assertThat(environment.getProperty("hub.connectors.frontapp.page-size")).isEqualTo("100");
        assertThat(environment.getProperty("hub.data-dir")).isEqualTo("./data");
    }
}
