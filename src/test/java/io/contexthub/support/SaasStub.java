package io.contexthub.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One WireMock server for the SaaS APIs whose paths do not collide (HubSpot's /crm/..., Stripe's /v1/...), started
 * once per test JVM, and the hub's base URLs pointed at it: the sync tests of those connectors then share one
 * running hub ({@link SyncHubTest}) instead of starting one each. Each test stubs and verifies its own paths.
 */
public class SaasStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "saas-stub-stop"));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = server().baseUrl();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("saasStub", Map.of(
                "hub.connectors.hubspot.base-url", url, "hub.connectors.stripe.base-url", url)));
    }
}
