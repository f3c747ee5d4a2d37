package io.contexthub.retention;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.retention.*}: how long documents are kept, per source and entity.
 *
 * @param every  how often the retention job runs (it also runs a minute after the hub starts)
 * @param maxAge per source ({@code *} for every source) and entity, the age after which a document is deleted:
 *               {@code hub.retention.max-age.ga4.event=425d} (14 months), {@code hub.retention.max-age.frontapp.event
 *               =1095d} (3 years). The age is that of the document's time: an event's {@code occurredAt}, an invoice's
 *               {@code issuedAt}, otherwise its last change ({@code updatedAt}). Nothing is deleted by age unless set.
 * @param deadLetters how long a dead letter is kept after it failed ({@code 30d}); kept until redriven or erased
 *                    when not set
 */
@Validated
@ConfigurationProperties("hub.retention")
public record RetentionProperties(@NotNull @DefaultValue("24h") Duration every,
                                  @NotNull @DefaultValue Map<String, Map<String, Duration>> maxAge,
                                  Duration deadLetters) {
}
