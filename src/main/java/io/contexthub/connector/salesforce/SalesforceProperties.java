package io.contexthub.connector.salesforce;

import io.contexthub.platform.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Salesforce syncs through camel-salesforce ({@code hub.connectors.salesforce.*}).
 *
 * @param enabled           whether the schedules run
 * @param loginUrl          where camel-salesforce logs in (a sandbox: https://test.salesforce.com)
 * @param clientId          the connected app's consumer key
 * @param clientSecret      its consumer secret
 * @param refreshToken      a refresh token of the integration user (OAuth refresh-token flow)
 * @param apiVersion        the REST API version
 * @param limitThreshold    the share of the org's 24-hour API allocation (Sforce-Limit-Info) at which syncs pause
 * @param requestsPerMinute calls per minute this hub may make
 * @param streams           one sync stream per entry: a SOQL query, a schedule, a switch; a new entry (with its
 *                          mapping {@code mappings/salesforce/<stream>-to-<entity>.jsonata}) is a new stream. The
 *                          shipped streams and their defaults are declared in connectors/salesforce/connector.yaml
 * @param changes           Change Data Capture: each change event starts the incremental sync of its object
 */
@Validated
@ConfigurationProperties("hub.connectors.salesforce")
public record SalesforceProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("https://login.salesforce.com") URI loginUrl,
        String clientId,
        Secret clientSecret,
        Secret refreshToken,
        @NotBlank @DefaultValue("59.0") String apiVersion,
        @DecimalMin("0.1") @DecimalMax("1.0") @DefaultValue("0.9") double limitThreshold,
        @Positive @DefaultValue("60") int requestsPerMinute,
        @NotNull @DefaultValue Map<String, @Valid Stream> streams,
        @Valid @NotNull @DefaultValue Changes changes) {

    /**
     * @param enabled whether the hub subscribes to Change Data Capture (needs the credentials above)
     * @param channel the CometD channel: all selected objects, or one object's channel
     */
    public record Changes(@DefaultValue("false") boolean enabled,
                          @NotBlank @DefaultValue("/data/ChangeEvents") String channel) {
    }

    /**
     * @param soql  the SELECT ... FROM ... of the stream (a WHERE of your own is kept); the hub adds the cursor
     *              condition on SystemModstamp and the ORDER BY. It must select Id, SystemModstamp and IsDeleted.
     * @param every   how often the stream runs
     * @param enabled false for objects the org may not have (the invoice streams): runs of it do nothing
     */
    public record Stream(@NotBlank String soql, @NotNull Duration every, @DefaultValue("true") boolean enabled) {

        /**
         * The object the query reads: the word after its own FROM, not a sub-query's (those sit in parentheses).
         * Change events name their object, and this is how they find the stream that reads it.
         */
        public String object() {
            Matcher from = FROM.matcher(soql);
            while (from.find()) {
                if (depth(from.start()) == 0) {
                    return from.group(1);
                }
            }
            throw new IllegalStateException("a Salesforce stream's soql has no FROM <object>: " + soql);
        }

        private int depth(int end) {
            int depth = 0;
            for (int i = 0; i < end; i++) {
                depth += soql.charAt(i) == '(' ? 1 : soql.charAt(i) == ')' ? -1 : 0;
            }
            return depth;
        }

        private static final Pattern FROM = Pattern.compile("\\bFROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank() && refreshToken != null;
    }
}
