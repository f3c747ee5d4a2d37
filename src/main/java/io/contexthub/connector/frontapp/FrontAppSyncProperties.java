package io.contexthub.connector.frontapp;

import io.contexthub.platform.Secret;
import io.contexthub.sync.SyncStreamSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scheduled syncs against Front's Core API ({@code hub.connectors.frontapp.*}).
 *
 * @param enabled           whether the schedules run; a sync can be started by the API either way once configured
 * @param baseUrl           the API; "next" links are followed on this host and on other hosts of its domain
 *                          (Front answers with company-specific hosts such as {@code acme.api.frontapp.com})
 * @param apiToken          a company API token; or leave empty and configure {@code oauth}
 * @param oauth             an OAuth app's credentials and refresh token, used when no API token is set
 * @param requestsPerMinute the company's rate budget (Front: 50 Starter, 100 Professional, 200 Enterprise); all
 *                          streams share it
 * @param burstPerSecond    Front's per-resource burst limit (5 per second)
 * @param pageSize          results per page (Front allows 100, 15 for events)
 * @param eventsLookback    how far back the very first events run reaches
 * @param streams           each stream's schedule and switch ({@code streams.<stream>.every / .enabled}); the
 *                          defaults are in connectors/frontapp/connector.yaml
 */
@Validated
@ConfigurationProperties("hub.connectors.frontapp")
public record FrontAppSyncProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("https://api2.frontapp.com") URI baseUrl,
        Secret apiToken,
        @Valid @NotNull @DefaultValue OAuth oauth,
        @Positive @DefaultValue("50") int requestsPerMinute,
        @Positive @DefaultValue("5") int burstPerSecond,
        @Positive @Max(100) @DefaultValue("100") int pageSize,
        @NotNull @DefaultValue("P30D") Duration eventsLookback,
        @NotNull @DefaultValue Map<String, @Valid SyncStreamSettings> streams) {

    /**
     * @param clientId     the OAuth app's client id
     * @param clientSecret its secret
     * @param refreshToken a refresh token from the authorization-code flow
     * @param tokenUrl     Front's token endpoint
     * @param authorizeUrl Front's consent page, where connecting Front from the console starts
     */
    public record OAuth(String clientId, Secret clientSecret, Secret refreshToken,
                        @NotNull @DefaultValue("https://app.frontapp.com/oauth/token") URI tokenUrl,
                        @NotNull @DefaultValue("https://app.frontapp.com/oauth/authorize") URI authorizeUrl) {

        public boolean configured() {
            return app() && refreshToken != null;
        }

        /** Whether the OAuth app itself is configured: enough to connect Front from the console. */
        public boolean app() {
            return clientId != null && !clientId.isBlank() && clientSecret != null;
        }
    }

    public boolean configured() {
        return apiToken != null || oauth.configured();
    }
}
