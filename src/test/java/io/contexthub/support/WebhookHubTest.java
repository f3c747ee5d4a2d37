package io.contexthub.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/**
 * The profile of the webhook end-to-end tests: every webhook source configured (Front with a secret being rotated
 * out and rule webhooks, Stripe, HubSpot, a Standard Webhooks sender "acme"), a small body limit, short
 * processing batches, and metrics exported as in production. One hub serves every test class with this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@HubTest
@AutoConfigureObservability
@TestPropertySource(properties = {
        "hub.api.token=" + WebhookHubTest.TOKEN,
        "hub.webhooks.frontapp.secret=rotated-out-secret,front_test_app_signing_key",
        "hub.webhooks.frontapp.rule-secret=" + WebhookHubTest.FRONT_RULE_SECRET,
        "hub.webhooks.stripe.secret=" + WebhookHubTest.STRIPE_SECRET,
        "hub.webhooks.hubspot.secret=" + WebhookHubTest.HUBSPOT_SECRET,
        "hub.webhooks.senders.acme.secret=" + WebhookHubTest.ACME_SECRET,
        "hub.webhooks.max-body-size=64KB",
        "hub.processing.batch.timeout-millis=50"})
public @interface WebhookHubTest {

    String TOKEN = "webhook-hub-token";
    String FRONT_RULE_SECRET = "front_test_api_secret";
    String STRIPE_SECRET = "whsec_test_secret";
    String HUBSPOT_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    String ACME_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
}
