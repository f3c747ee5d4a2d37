package io.contexthub.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook ingress settings ({@code hub.webhooks.*}).
 *
 * @param tolerance   how far a signed timestamp may be from now, in either direction
 * @param maxBodySize larger requests are refused with 413 before they are read
 * @param rateLimit   requests admitted per period across all webhook sources; above it senders get 429
 * @param frontapp    Front application webhooks, and rule webhooks when their secret is set
 * @param stripe      Stripe webhook endpoint secrets ({@code whsec_...}, used as they are)
 * @param hubspot     HubSpot app client secrets and the public URL HubSpot calls
 */
@Validated
@ConfigurationProperties("hub.webhooks")
public record WebhookProperties(
        @NotNull @DefaultValue("5m") Duration tolerance,
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue FrontApp frontapp,
        @Valid @NotNull @DefaultValue Secrets stripe,
        @Valid @NotNull @DefaultValue HubSpot hubspot) {

    /** The names above; any other {@code hub.webhooks.<name>.secret} declares a Standard Webhooks sender. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of(
            "tolerance", "max-body-size", "rate-limit", "frontapp", "stripe", "hubspot");

    /**
     * @param requests     admitted per period
     * @param periodMillis the window the count applies to
     */
    public record RateLimit(@Positive @DefaultValue("200") int requests,
                            @Positive @DefaultValue("1000") long periodMillis) {
    }

    /**
     * @param secret    the app's client secret(s); comma-separated while rotating
     * @param publicUrl the scheme, host and any path prefix HubSpot calls, e.g. {@code https://hub.example.com};
     *                  v3 signatures cover the full URL, which a proxy in front of the hub changes. Unset: taken
     *                  from {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}, else from the request itself.
     */
    public record HubSpot(List<String> secret, URI publicUrl) {

        public HubSpot {
            secret = new Secrets(secret).secret();
        }

        public boolean configured() {
            return !secret.isEmpty();
        }

        @Override
        public String toString() {
            return "HubSpot[" + secret.size() + " secrets configured, publicUrl=" + publicUrl + "]";
        }
    }

    /**
     * @param secret     the Front app's signing secret(s) for application webhooks; comma-separated while rotating
     * @param ruleSecret the company's API secret(s) that sign rule webhooks ("Call a webhook" rule action), which
     *                   carry no timestamp; unset: only application webhooks are accepted
     */
    public record FrontApp(List<String> secret, List<String> ruleSecret) {

        public FrontApp {
            secret = new Secrets(secret).secret();
            ruleSecret = new Secrets(ruleSecret).secret();
        }

        @Override
        public String toString() {
            return "FrontApp[" + secret.size() + " secrets, " + ruleSecret.size() + " rule secrets configured]";
        }
    }

    /**
     * Signing secrets of one source. Several may be active at once while a secret is rotated; a request is
     * accepted when any of them verifies it.
     *
     * @param secret the signing secret(s); comma-separated while rotating
     */
    public record Secrets(List<String> secret) {

        public Secrets {
            secret = secret == null ? List.of()
                    : secret.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        public boolean configured() {
            return !secret.isEmpty();
        }

        /** Never prints the secrets themselves. */
        @Override
        public String toString() {
            return "Secrets[" + secret.size() + " configured]";
        }
    }
}
