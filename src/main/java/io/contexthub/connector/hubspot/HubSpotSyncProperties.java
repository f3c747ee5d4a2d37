package io.contexthub.connector.hubspot;

import io.contexthub.platform.Secret;
import io.contexthub.sync.SyncStreamSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HubSpot CRM syncs through the v3 objects API ({@code hub.connectors.hubspot.*}).
 *
 * @param enabled                 whether the schedules run; a sync can be started by the API either way
 * @param baseUrl                 the API
 * @param accessToken             a private app's access token (scopes: crm.objects.contacts.read,
 *                                crm.objects.companies.read, crm.objects.deals.read); or, instead, {@code oauth}
 * @param oauth                   an OAuth (public) app installed in the portal: its client id and secret and the
 *                                refresh token of the installation; the token URL is HubSpot's v3 endpoint
 * @param requestsPerTenSeconds   the app's burst limit (HubSpot: 100 Free/Starter, 190 Professional/Enterprise)
 * @param searchRequestsPerSecond calls per second to the search endpoints (HubSpot allows 5 per account)
 * @param pageSize                results per search page (HubSpot allows 200)
 * @param searchOverlap           how far before its cursor an incremental run starts again: the search index
 *                                shows a change "after a few moments", so a record changed just before the last
 *                                run may have been missing from it
 * @param timeZone                the portal's time zone, in which HubSpot resets the daily limit
 * @param webhookFetchDelay       how long after a contact or company webhook the hub reads the changed records
 *                                (one run for all the webhooks of that time); 0 switches the fetch off
 * @param extraProperties         CRM properties to read besides the ones the mappings use, per stream
 *                                ({@code extra-properties.contacts=favorite_color,hs_lead_status}); they reach the
 *                                Customer as attributes under their HubSpot names
 * @param currency                the portal's company currency (ISO 4217): the currency of deal amounts that do not
 *                                name one ({@code deal_currency_code} is set only in multi-currency portals)
 * @param streams                 each stream's schedule and switch; the defaults are in
 *                                connectors/hubspot/connector.yaml
 */
@Validated
@ConfigurationProperties("hub.connectors.hubspot")
public record HubSpotSyncProperties(
        @DefaultValue("false") boolean enabled,
        @NotNull @DefaultValue("https://api.hubapi.com") URI baseUrl,
        Secret accessToken,
        @NotNull @DefaultValue @Valid OAuth oauth,
        @Positive @DefaultValue("100") int requestsPerTenSeconds,
        @Positive @Max(5) @DefaultValue("4") int searchRequestsPerSecond,
        @Positive @Max(200) @DefaultValue("200") int pageSize,
        @NotNull @DefaultValue("1m") Duration searchOverlap,
        @NotNull @DefaultValue("UTC") ZoneId timeZone,
        @NotNull @DefaultValue("10s") Duration webhookFetchDelay,
        @NotNull @DefaultValue Map<String, List<String>> extraProperties,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "hub.connectors.hubspot.currency must be an ISO 4217 code "
                + "in capitals, e.g. USD") @DefaultValue("USD") String currency,
        @NotNull @DefaultValue Map<String, @Valid SyncStreamSettings> streams) {

    /**
     * @param clientId     the OAuth app's client id
     * @param clientSecret its client secret
     * @param refreshToken the refresh token of the app's installation in the portal (HubSpot's do not expire)
     * @param tokenUrl     HubSpot's token endpoint (v3; v1 is deprecated on 2027-02-16)
     * @param authorizeUrl HubSpot's consent page, where connecting HubSpot from the console starts
     * @param scopes       the scopes the consent page asks for, space-separated: the CRM objects the syncs read
     */
    public record OAuth(String clientId, Secret clientSecret, Secret refreshToken,
                        @NotNull @DefaultValue("https://api.hubapi.com/oauth/v3/token") URI tokenUrl,
                        @NotNull @DefaultValue("https://app.hubspot.com/oauth/authorize") URI authorizeUrl,
                        @NotBlank @DefaultValue("crm.objects.contacts.read crm.objects.companies.read "
                            + "crm.objects.deals.read") String scopes) {

        public boolean configured() {
            return app() && refreshToken != null;
        }

        /** Whether the OAuth app itself is configured: enough to connect HubSpot from the console. */
        public boolean app() {
            return clientId != null && !clientId.isBlank() && clientSecret != null;
        }
    }

    public boolean configured() {
        return accessToken != null || oauth.configured();
    }
}
