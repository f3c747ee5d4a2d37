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
 * @param accounts          Account → Customer (defaults for the three streams: application.yaml)
 * @param contacts          Contact → Customer
 * @param orders            Order → Invoice
 * @param opportunities     Opportunity → Invoice (what is being sold, before an order or invoice exists)
 * @param invoices          Invoice (Revenue Cloud / Billing's standard object) → Invoice; off unless enabled
 * @param billingInvoices   blng__Invoice__c (the Salesforce Billing package) → Invoice; off unless enabled
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
        @Valid @NotNull Stream accounts,
        @Valid @NotNull Stream contacts,
        @Valid @NotNull Stream orders,
        @Valid @NotNull Stream opportunities,
        @Valid @NotNull Stream invoices,
        @Valid @NotNull Stream billingInvoices,
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
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank() && refreshToken != null;
    }
}
