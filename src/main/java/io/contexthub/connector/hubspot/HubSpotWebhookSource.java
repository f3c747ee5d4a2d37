package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.webhook.Hmac;
import io.contexthub.webhook.JsonBodies;
import io.contexthub.webhook.SignedWebhookSource;
import io.contexthub.webhook.WebhookOutcome;
import io.contexthub.webhook.WebhookProperties;
import io.contexthub.webhook.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * HubSpot webhooks, signature v3: {@code X-HubSpot-Signature-v3} = base64(HMAC-SHA256(client secret,
 * method + URI + raw body + X-HubSpot-Request-Timestamp)), the timestamp in epoch milliseconds and refused when
 * older than the tolerance (HubSpot's SDKs: 5 minutes). The URI is the full URL HubSpot called, rebuilt from
 * {@code hub.webhooks.hubspot.public-url} (or forwarded headers) because a proxy changes what the hub sees,
 * with HubSpot's short list of percent-escapes decoded. v1/v2 signatures carry no timestamp and are not
 * accepted alone. A request carries a batch of events; each becomes its own envelope keyed by its eventId.
 */
@Component
public class HubSpotWebhookSource extends SignedWebhookSource {

    public static final String NAME = "hubspot";
    static final String SIGNATURE = "X-HubSpot-Signature-v3";
    static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";
    static final String STREAM = "webhook";
    static final String METHOD = "CamelHttpMethod";
    static final String PATH = "CamelHttpUri";
    static final String QUERY = "CamelHttpQuery";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String FORWARDED_HOST = "X-Forwarded-Host";
    static final String HOST = "Host";

    /** The escapes HubSpot decodes before signing; every other escape stays as sent. */
    static final Map<String, String> DECODED_ESCAPES = decodedEscapes();

    private final URI publicUrl;

    public HubSpotWebhookSource(HubSpotWebhookProperties own, WebhookProperties properties, Clock clock,
                                ObjectMapper mapper) {
        super(NAME, own.secret(), properties, clock, mapper);
        this.publicUrl = own.publicUrl();
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        verify(request);
        JsonNode body = JsonBodies.parse(mapper, request.body());
        if (!body.isArray()) {
            throw RequestRejectedException.badRequest("malformed_event",
                    "a HubSpot webhook body is a JSON array of events");
        }
        List<WebhookOutcome.Event> events = new ArrayList<>();
        for (JsonNode event : body) {
            String eventId = event.path("eventId").asText("");
            String type = event.path("subscriptionType").asText("");
            if (eventId.isEmpty() || type.isEmpty()) {
                throw RequestRejectedException.badRequest("malformed_event",
                        "every HubSpot event needs eventId and subscriptionType");
            }
            events.add(new WebhookOutcome.Event(eventId, STREAM, type, event));
        }
        return new WebhookOutcome.Batch(events);
    }

    void verify(WebhookRequest request) {
        String signature = required(request, SIGNATURE,
                SIGNATURE + " header is missing (v1/v2 signatures alone are not accepted)");
        String timestamp = required(request, TIMESTAMP, TIMESTAMP + " header is missing");
        window.checkNotOlder(Instant.ofEpochMilli(epoch(timestamp, TIMESTAMP, "milliseconds")), TIMESTAMP);
        String method = request.header(METHOD).orElse("POST");
        byte[] prefix = (method + signedUri(request)).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = timestamp.getBytes(StandardCharsets.UTF_8);
        if (!anySecretMatches(key -> Base64.getEncoder().encodeToString(Hmac.compute(Hmac.SHA256, key, prefix,
                request.body(), suffix)), List.of(signature))) {
            throw RequestRejectedException.unauthorized("invalid_signature", SIGNATURE
                    + " does not match method, URL, body and timestamp for any configured secret"
                    + " (behind a proxy, set hub.webhooks.hubspot.public-url to the URL HubSpot calls)");
        }
    }

    /** The URL as HubSpot called it: public base + the path and query the hub received, escapes decoded. */
    String signedUri(WebhookRequest request) {
        String path = request.header(PATH).orElse("/webhooks/" + NAME);
        String query = request.header(QUERY).map(q -> "?" + q).orElse("");
        String base;
        if (publicUrl != null) {
            base = publicUrl.toString().replaceAll("/+$", "");
        } else {
            String scheme = request.header(FORWARDED_PROTO).map(p -> p.split(",")[0].trim()).orElse("http");
            String host = request.header(FORWARDED_HOST).map(h -> h.split(",")[0].trim())
                    .or(() -> request.header(HOST)).orElse("localhost");
            base = scheme + "://" + host;
        }
        String uri = base + path + query;
        for (Map.Entry<String, String> escape : DECODED_ESCAPES.entrySet()) {
            uri = uri.replace(escape.getKey(), escape.getValue());
        }
        return uri;
    }

    private static Map<String, String> decodedEscapes() {
        Map<String, String> escapes = new LinkedHashMap<>();
        String[][] pairs = {{"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
            {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};
        for (String[] pair : pairs) {
            escapes.put(pair[0], pair[1]);
        }
        return Map.copyOf(escapes);
    }
}
