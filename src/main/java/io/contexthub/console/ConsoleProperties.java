package io.contexthub.console;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator console ({@code hub.console.*}, docs/console.md).
 *
 * @param refresh how often the overview and a running sync's progress refresh themselves in the browser
 */
@Validated
@ConfigurationProperties("hub.console")
public record ConsoleProperties(@NotNull @DefaultValue("5s") Duration refresh) {
}
