package io.contexthub.connector.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Stripe list endpoint, newest first, paged with {@code starting_after=<last id>} while {@code has_more}; the
 * cursor is the newest {@code created} seen (unix seconds). Two kinds:
 * <ul>
 *   <li>objects ({@code customers}, {@code invoices}): the backfill. The first run lists everything, later runs
 *   only objects created since (Stripe lists cannot filter by change; changes arrive by webhook and by the events
 *   stream). Each object is staged as the snapshot event Stripe would send for it ({@code customer.updated},
 *   {@code invoice.updated}, created = when the hub read it), so the webhook mappings make the same documents and
 *   the version check orders them with the webhooks' copies.</li>
 *   <li>{@code events}: the catch-up. Events since the cursor (less {@code events-overlap}) are staged exactly as a
 *   webhook delivers them, under the same idempotency key ({@code stripe:evt_...}), so an event the webhook
 *   already brought is a duplicate. Stripe keeps events for 30 days; a cursor older than that is logged, and the
 *   backfill has to run again for what was missed (docs/connectors/stripe.md).</li>
 * </ul>
 */
public class StripeListStream implements SyncStream {

    /** What the webhook mappings turn into documents (the events stream asks for these; at most 20). */
    static final List<String> EVENT_TYPES = List.of("customer.created", "customer.updated", "customer.deleted",
            "invoice.created", "invoice.finalized", "invoice.updated", "invoice.paid", "invoice.payment_failed",
            "invoice.payment_succeeded", "invoice.voided", "invoice.marked_uncollectible", "invoice.deleted");
    static final Duration RETENTION = Duration.ofDays(30);
    static final String EVENTS = "events";
    private static final Logger log = LoggerFactory.getLogger(StripeListStream.class);

    private final String name;
    private final String objectType;
    private final StripeSyncProperties properties;
    private final StripeApi api;
    private final Clock clock;
    private final ObjectMapper mapper;

    /**
     * @param name       the stream and the path under /v1 (customers, invoices, events)
     * @param objectType the object's type in its snapshot events (customer, invoice); null for events
     */
    public StripeListStream(String name, String objectType, StripeSyncProperties properties, StripeApi api,
                            Clock clock, ObjectMapper mapper) {
        this.name = name;
        this.objectType = objectType;
        this.properties = properties;
        this.api = api;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public String connector() {
        return StripeApi.CONNECTOR;
    }

    @Override
    public String name() {
        return name;
    }

    /** Staged as the webhook's events are, so the same mappings apply. */
    @Override
    public String envelopeStream() {
        return StripeWebhookSource.STREAM;
    }

    @Override
    public SyncStreamSettings settings() {
        return SyncStreamSettings.of(properties.streams(), connector(), name);
    }

    @Override
    public boolean scheduled() {
        return properties.enabled();
    }

    @Override
    public SyncApi api() {
        return api;
    }

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        StringBuilder url = new StringBuilder(properties.baseUrl().toString().replaceAll("/+$", ""))
                .append("/v1/").append(name).append("?limit=").append(properties.pageSize());
        if (EVENTS.equals(name)) {
            url.append("&created%5Bgte%5D=").append(eventsFrom(cursor));
            EVENT_TYPES.forEach(type -> url.append("&types%5B%5D=").append(type));
        } else {
            cursor.ifPresent(created -> url.append("&created%5Bgte%5D=").append(created));
        }
        return List.of(new SyncRequest(name, url.toString()));
    }

    private long eventsFrom(Optional<String> cursor) {
        long now = clock.instant().getEpochSecond();
        long oldest = now - RETENTION.toSeconds() + 3600;
        if (cursor.isEmpty()) {
            return Math.max(oldest, now - properties.eventsLookback().toSeconds());
        }
        long from = Long.parseLong(cursor.get()) - properties.eventsOverlap().toSeconds();
        if (from < oldest) {
            log.warn("stripe/events: the last catch-up read events up to {} s; Stripe keeps 30 days, so events "
                    + "before {} are gone — run the customers and invoices backfill again (docs/connectors/stripe.md)",
                    cursor.get(), oldest);
            return oldest;
        }
        return from;
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw new PermanentFailureException("Stripe's answer to " + name + " is not a list: no data array");
        }
        long observed = clock.instant().getEpochSecond();
        List<SyncRecord> records = new ArrayList<>();
        String newest = null;
        for (JsonNode item : data) {
            String id = item.path("id").asText();
            if (id.isEmpty()) {
                throw new PermanentFailureException("Stripe's " + name + " list holds an object without id");
            }
            records.add(objectType == null ? new SyncRecord(id, item.path("type").asText("event"), item)
                    : new SyncRecord(id + ":" + observed, objectType + ".updated", snapshot(item, observed)));
            if (item.path("created").canConvertToLong()) {
                newest = later(newest, Long.toString(item.path("created").asLong()));
            }
        }
        List<SyncRequest> next = body.path("has_more").asBoolean(false) && !data.isEmpty()
                ? List.of(new SyncRequest(name, request.url().replaceAll("&starting_after=[^&]*", "")
                        + "&starting_after=" + data.get(data.size() - 1).path("id").asText()))
                : List.of();
        return new SyncPage(records, next, newest, null);
    }

    /** The event Stripe would send with this object as it is now. */
    private JsonNode snapshot(JsonNode object, long observed) {
        ObjectNode event = mapper.createObjectNode().put("id", "snapshot_" + object.path("id").asText())
                .put("object", "event").put("type", objectType + ".updated").put("created", observed)
                .put("api_version", properties.apiVersion());
        event.putObject("data").set("object", object);
        return event;
    }

    /** Unix seconds, compared as numbers. */
    @Override
    public String later(String a, String b) {
        return SyncStream.laterNumber(a, b);
    }
}
