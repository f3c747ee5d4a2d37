package io.contexthub.subject;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Erasures of people ({@code hub.privacy.erasures.*}).
 *
 * @param retry how often each instance looks for unfinished erasure jobs no instance is running — one a failure
 *              stopped, or whose instance stopped or crashed — and finishes them
 * @param lease how long the instance running a job holds it without a sign of life; after it, another takes over
 */
@Validated
@ConfigurationProperties("hub.privacy.erasures")
public record ErasureProperties(@NotNull @DefaultValue("1m") Duration retry,
                                @NotNull @DefaultValue("5m") Duration lease) {
}
