package io.contexthub.api;

import io.contexthub.platform.Secret;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP API settings ({@code hub.api.*}).
 *
 * @param token    the bearer token every {@code /api/**} request must present (env {@code HUB_API_TOKEN})
 * @param maxHits  the largest {@code k} a search may ask for
 * @param protectMetrics whether {@code /actuator/prometheus} requires the token too (open by default, for
 *                       scrapers on a private network; or move it with {@code management.server.port})
 */
@Validated
@ConfigurationProperties("hub.api")
public record ApiProperties(
        @NotNull(message = "hub.api.token (env HUB_API_TOKEN) must be set: the /api endpoints require it")
        Secret token,
        @Positive @DefaultValue("100") int maxHits,
        @DefaultValue("false") boolean protectMetrics) {
}
