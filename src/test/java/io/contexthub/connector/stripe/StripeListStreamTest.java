package io.contexthub.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.Secret;
import io.contexthub.support.Fixtures;
import io.contexthub.support.NoConnections;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where Stripe list and event runs start, and what a listed object is staged as, without a server. */
class StripeListStreamTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-04-20T12:00:00Z");
    final StripeSyncProperties properties = new StripeSyncProperties(true, URI.create("https://api.stripe.com"),
            Secret.valueOf("rk_test_x"), "2026-03-25.dahlia", 20, 100, Duration.ofDays(3), Duration.ofMinutes(5),
            Map.of());
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final StripeApi api = new StripeApi(properties, NoConnections.store(), NoConnections.vault(), clock, JSON);
    final StripeListStream events = new StripeListStream("events", null, properties, api, clock, JSON);
    final StripeListStream customers = new StripeListStream("customers", "customer", properties, api, clock, JSON);

    static String from(SyncRequest request) {
        return request.url().replaceAll(".*created%5Bgte%5D=(\\d+).*", "$1");
    }

    @Test
    void theEventLogIsReadFromTheLookbackThenFromTheCursorLessTheOverlapButNeverBeyondItsThirtyDays() {
        long now = NOW.getEpochSecond();
        assertThat(from(events.first(Optional.empty()).get(0))).isEqualTo(Long.toString(now - 3 * 86_400));
        assertThat(from(events.first(Optional.of(Long.toString(now - 3600))).get(0)))
                .isEqualTo(Long.toString(now - 3600 - 300));
        assertThat(from(events.first(Optional.of(Long.toString(now - 40 * 86_400))).get(0)))
                .as("the oldest events Stripe still has").isEqualTo(Long.toString(now - 30 * 86_400 + 3600));
        assertThat(events.first(Optional.empty()).get(0).url()).contains("types%5B%5D=customer.deleted")
                .contains("types%5B%5D=invoice.paid");
    }

    @Test
    void aListedObjectIsStagedAsTheSnapshotEventItsWebhookWouldBe() {
        SyncRequest first = customers.first(Optional.empty()).get(0);
        assertThat(first.url()).isEqualTo("https://api.stripe.com/v1/customers?limit=100");
        SyncPage page = customers.page(first,
                Fixtures.load("stripe-customers-list-page1.json").json().at("/response/body"));

        var record = page.records().get(0);
        assertThat(record.key()).isEqualTo("cus_RkS7fQ2mXbT9wL:" + NOW.getEpochSecond());
        assertThat(record.payload().path("type").asText()).isEqualTo("customer.updated");
        assertThat(record.payload().path("created").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(record.payload().at("/data/object/id").asText()).isEqualTo("cus_RkS7fQ2mXbT9wL");
        assertThat(customers.envelopeStream()).isEqualTo("webhook");
        assertThat(page.followUps().get(0).url()).endsWith("?limit=100&starting_after=cus_R9fJd3LqW8nVzc");
        assertThat(customers.page(page.followUps().get(0), Fixtures.load("stripe-customers-list-page2.json").json()
                .at("/response/body")).followUps()).as("has_more false").isEmpty();
        assertThat(customers.first(Optional.of("1775466000")).get(0).url()).endsWith("&created%5Bgte%5D=1775466000");
    }
}
