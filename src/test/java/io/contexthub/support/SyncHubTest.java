package io.contexthub.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The profile of the sync tests against {@link SaasStub}: HubSpot and Stripe credentials, HubSpot's webhook secret
 * with a short fetch delay, short processing batches and sync retries. One hub serves every test class with this
 * annotation; the schedules stay off, so only the runs a test starts (or a webhook triggers) call the stub.
 * (Its own {@code @ContextConfiguration} replaces {@link HubTest}'s, so it names the fresh data directory again.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@HubTest
@ContextConfiguration(initializers = {FreshDataDirectory.class, SaasStub.class})
@TestPropertySource(properties = {
        "hub.api.token=" + SyncHubTest.TOKEN,
        "hub.processing.batch.timeout-millis=50",
        "hub.sync.retry.initial-delay-millis=50",
        "hub.sync.retry.max-delay-millis=200",
        "hub.connectors.hubspot.access-token=" + SyncHubTest.HUBSPOT_TOKEN,
        "hub.webhooks.hubspot.secret=" + SyncHubTest.HUBSPOT_APP_SECRET,
        "hub.connectors.hubspot.webhook-fetch-delay=1s",
        "hub.connectors.stripe.api-key=" + SyncHubTest.STRIPE_KEY})
public @interface SyncHubTest {

    String TOKEN = "sync-hub-token";
    String HUBSPOT_TOKEN = "pat-na1-00000000-0000-0000-0000-000000000000";
    String HUBSPOT_APP_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    String STRIPE_KEY = "rk_test_hub_restricted";
}
