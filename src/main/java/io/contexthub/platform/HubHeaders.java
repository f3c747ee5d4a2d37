package io.contexthub.platform;

/** Names of message headers and exchange properties the hub's routes and beans share. */
public final class HubHeaders {

    /** Exchange property: the pipeline stage an envelope was in when it failed (map, validate, publish). */
    public static final String STAGE = "hubStage";
    /** Exchange property: the source an ingress route serves (frontapp, hubspot, ...). */
    public static final String SOURCE = "hubSource";
    /** Exchange property: the correlation id of the webhook request or sync page being handled. */
    public static final String CORRELATION_ID = "hubCorrelationId";
    /** The HTTP header a correlation id comes in (from a sender that sets one) and goes back out in. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** Exchange property: the tenant a webhook route serves (a route template parameter, never request input). */
    public static final String TENANT = "hubTenant";
    /** Header: the idempotency key of an inbound event, {@code <source>:<provider event id>}. */
    public static final String IDEMPOTENCY_KEY = "hubIdempotencyKey";
    /** Exchange property: the DeliveryReceipt of a webhook request, filled as its events are staged. */
    public static final String RECEIPT = "hubDeliveryReceipt";
    /** Exchange property: set when the request is a provider handshake answered without staging. */
    public static final String HANDSHAKE = "hubHandshake";
    /** Header: the event being staged names an erased person ({@code io.contexthub.suppression}). */
    public static final String SUPPRESSED = "hubSuppressed";
    /**
     * Header of a sync trigger, then exchange property of the run's pages: true for a full re-read, whose records
     * are staged even when their key was staged before (so changed mappings reach every record).
     */
    public static final String RESTAGE = "hubRestage";
    /** Header: HTTP status the ingress answers with. Camel's own name, kept here so routes and beans agree. */
    public static final String HTTP_RESPONSE_CODE = "CamelHttpResponseCode";
    /** Header: the file name a spool write uses. Camel's own name. */
    public static final String FILE_NAME = "CamelFileName";

    /** Header: the Kafka topic a staged envelope goes to (camel-kafka's override); the spool ignores it. */
    public static final String STAGING_TOPIC = "kafka.OVERRIDE_TOPIC";
    /** Header: the Kafka record key of a staged envelope; the spool ignores it. */
    public static final String STAGING_KEY = "kafka.KEY";

    private HubHeaders() {
    }
}
