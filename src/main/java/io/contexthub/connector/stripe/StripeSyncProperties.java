package io.contexthub.connector.stripe;

import io.contexthub.platform.Secret;
import io.contexthub.sync.SyncStreamSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Stripe backfill and catch-up through the REST API ({@code hub.connectors.stripe.*}).
 *
 * @param enabled           whether the schedules run; a sync can be started by the API either way
 * @param baseUrl           the API
 * @param apiKey            a secret key ({@code sk_...}) or a restricted key ({@code rk_...}) with read access to
 *                          customers, invoices and events
 * @param apiVersion        the Stripe-Version every call sends, so objects keep the shape the mappings read
 * @param requestsPerSecond calls per second (Stripe allows 25 per endpoint and 100 in all, live)
 * @param pageSize          objects per list page (Stripe allows 100)
 * @param eventsLookback    how far back the first events run reaches (Stripe keeps events for 30 days)
 * @param eventsOverlap     how far before its cursor an events run starts again: events of one second can arrive
 *                          in the list after the run that read the others
 * @param streams           each stream's schedule and switch; the defaults are in connectors/stripe/connector.yaml
 */
@Validated
@ConfigurationProperties("hub.connectors.stripe")
public record StripeSyncProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("https://api.stripe.com") URI baseUrl,
        Secret apiKey,
        @NotBlank @DefaultValue("2026-03-25.dahlia") String apiVersion,
        @Positive @Max(25) @DefaultValue("20") int requestsPerSecond,
        @Positive @Max(100) @DefaultValue("100") int pageSize,
        @NotNull @DefaultValue("P3D") Duration eventsLookback,
        @NotNull @DefaultValue("5m") Duration eventsOverlap,
        @NotNull @DefaultValue Map<String, @Valid SyncStreamSettings> streams) {

    public boolean configured() {
        return apiKey != null;
    }
}
