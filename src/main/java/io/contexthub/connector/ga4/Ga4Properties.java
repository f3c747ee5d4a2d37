package io.contexthub.connector.ga4;

import io.contexthub.sync.SyncStreamSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Google Analytics 4 reports pulled with the Data API's runReport ({@code hub.connectors.ga4.*}).
 *
 * @param enabled              whether the schedule runs
 * @param streams              the one stream's schedule, {@code streams.reports.every / .enabled} (default in
 *                             connectors/ga4/connector.yaml)
 * @param propertyId           the GA4 property, digits only
 * @param serviceAccountKey    the service account's JSON key file (the account must be a user of the property)
 * @param baseUrl              the Data API
 * @param tokenUrl             Google's OAuth token endpoint, unless the key file names another
 * @param timeZone             the property's time zone: which day "yesterday" is, and where each day starts
 * @param initialDays          how many days the first run reaches back
 * @param refreshDays          how many recent days every run pulls again (GA4 keeps revising the last ~2 days)
 * @param pageSize             rows per runReport call (GA4 allows up to 250,000)
 * @param requestsPerMinute    calls per minute; GA4 counts tokens per hour and day, which the answers report
 * @param reports              report definitions by name: dimensions and metrics
 */
@Validated
@ConfigurationProperties("hub.connectors.ga4")
public record Ga4Properties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue Map<String, @Valid SyncStreamSettings> streams,
        String propertyId,
        Path serviceAccountKey,
        @NotNull @DefaultValue("https://analyticsdata.googleapis.com") URI baseUrl,
        @NotNull @DefaultValue("https://oauth2.googleapis.com/token") URI tokenUrl,
        @NotNull @DefaultValue("UTC") ZoneId timeZone,
        @Positive @DefaultValue("30") int initialDays,
        @Positive @DefaultValue("3") int refreshDays,
        @Positive @Max(250_000) @DefaultValue("10000") int pageSize,
        @Positive @DefaultValue("60") int requestsPerMinute,
        @Valid Map<String, Report> reports) {

    public Ga4Properties {
        reports = reports == null ? Map.of() : Map.copyOf(reports);
    }

    /**
     * @param dimensions GA4 dimension names, e.g. country, deviceCategory
     * @param metrics    GA4 metric names, e.g. activeUsers, sessions
     */
    public record Report(@NotEmpty List<String> dimensions, @NotEmpty List<String> metrics) {
    }

    public boolean configured() {
        return readyForKey() && serviceAccountKey != null;
    }

    /** Everything but the key: a property and reports. Enough to connect GA4 with a key from the console. */
    public boolean readyForKey() {
        return propertyId != null && !propertyId.isBlank() && !reports.isEmpty();
    }
}
