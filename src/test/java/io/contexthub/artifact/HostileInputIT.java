package io.contexthub.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.FrontSigner;
import io.contexthub.support.HubSpotSigner;
import io.contexthub.support.PackagedHub;
import io.contexthub.support.RawHttp;
import io.contexthub.support.StripeSigner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no honest sender makes, against the packaged hub: every one gets a 4xx with the documented
 * {@code {"error","detail"}} JSON body, from whichever layer refuses it (Tomcat, a filter, Spring MVC, a route) —
 * never a 5xx, an HTML page or a stack trace.
 */
class HostileInputIT {

    static final String STRIPE_SECRET = "whsec_hostile_test_secret";
    static final String HUBSPOT_SECRET = "hubspot-hostile-secret";
    static final String SENDER_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String TOKEN = "Authorization: Bearer " + PackagedHub.API_TOKEN;

    static PackagedHub hub;
    static int port;

    @BeforeAll
    static void start() {
        hub = PackagedHub.create("hostile", Map.of(
                "HUB_WEBHOOKS_FRONTAPP_SECRET", FrontEvents.SECRET,
                "HUB_WEBHOOKS_STRIPE_SECRET", STRIPE_SECRET,
                "HUB_WEBHOOKS_HUBSPOT_SECRET", HUBSPOT_SECRET,
                "HUB_WEBHOOKS_HUBSPOT_PUBLICURL", "https://hub.example.com",
                "HUB_WEBHOOKS_SENDERS_ACME_SECRET", SENDER_SECRET,
                "SERVER_TOMCAT_CONNECTIONTIMEOUT", "2s",
                "HUB_API_PROTECTMETRICS", "true",
                // JSON logs, as a log pipeline would take them (docs/operations.md#json-logs)
                "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                "SPRING_MAIN_BANNERMODE", "off"));
        hub.start();
        port = Integer.parseInt(hub.base().substring(hub.base().lastIndexOf(':') + 1));
    }

    /** Whatever the input, the log stays JSON lines (one event each) and holds no ERROR. */
    @AfterAll
    static void stop() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : hub.log().lines().toList()) {
            assertThat(line).as("a plain-text log line").doesNotMatch("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(INFO|WARN|ERROR).*");
            if (line.startsWith("{")) {
                events.add(json.readTree(line));
            }
        }
        assertThat(events).hasSizeGreaterThan(20).allSatisfy(event -> {
            assertThat(event.path("@timestamp").asText()).isNotEmpty();
            assertThat(event.path("message").isTextual()).isTrue();
            // ECS nests it: {"log": {"level": ...}}
            assertThat(event.at("/log/level").asText()).as(event.toString()).isIn("INFO", "WARN", "DEBUG");
        });
        hub.close();
    }

    /** A JSON body with bytes that are not UTF-8 inside a string, correctly signed. */
    static byte[] invalidUtf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"id\":\"evt_bad\",\"type\":\"inbound_received\",\"payload\":{\"text\":\"caf".getBytes(
                StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
        body.writeBytes("\"}}".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static String front(byte[] body) {
        long now = System.currentTimeMillis();
        return "POST /webhooks/frontapp HTTP/1.1\r\n" + headers(FrontSigner.headers(FrontEvents.SECRET, now, body));
    }

    static String stripe(byte[] body) {
        long now = Instant.now().getEpochSecond();
        return "POST /webhooks/stripe HTTP/1.1\r\nContent-Type: application/json\r\nStripe-Signature: "
                + StripeSigner.header(STRIPE_SECRET, now, body);
    }

    static String hubspot(byte[] body) {
        long now = System.currentTimeMillis();
        return "POST /webhooks/hubspot HTTP/1.1\r\nContent-Type: application/json\r\nX-HubSpot-Request-Timestamp: "
                + now + "\r\nX-HubSpot-Signature-v3: " + HubSpotSigner.v3(HUBSPOT_SECRET, "POST",
                "https://hub.example.com/webhooks/hubspot", body, now);
    }

    static String sender(byte[] body) {
        long now = Instant.now().getEpochSecond();
        // the reference library signs a String (UTF-8 encoded): raw bytes are signed here by the same rule,
        // base64(HMAC-SHA256(key, id "." timestamp "." body))
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(
                    SENDER_SECRET.substring("whsec_".length())), "HmacSHA256"));
            mac.update(("msg_hostile." + now + ".").getBytes(StandardCharsets.UTF_8));
            String signature = "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(body));
            return "POST /webhooks/acme HTTP/1.1\r\nContent-Type: application/json\r\nwebhook-id: msg_hostile\r\n"
                    + "webhook-timestamp: " + now + "\r\nwebhook-signature: " + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> requests() {
        byte[] bad = invalidUtf8();
        byte[] control = "{\"id\":\"evt_c\",\"text\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8);
        byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        byte[] json = "{}".getBytes(StandardCharsets.US_ASCII);
        String longQuery = "a".repeat(20_000);
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("Front: invalid UTF-8, signed", new Object[] {front(bad), bad, 400});
        cases.put("Stripe: invalid UTF-8, signed", new Object[] {stripe(bad), bad, 400});
        cases.put("HubSpot: invalid UTF-8, signed", new Object[] {hubspot(bad), bad, 400});
        cases.put("Standard Webhooks: invalid UTF-8, signed", new Object[] {sender(bad), bad, 400});
        cases.put("Front: raw control character in a string", new Object[] {front(control), control, 400});
        cases.put("Front: 5000 nested arrays", new Object[] {front(deep), deep, 400});
        cases.put("Front: unsigned", new Object[] {"POST /webhooks/frontapp HTTP/1.1\r\nContent-Type: application/json",
                json, 401});
        cases.put("webhook: multipart body", new Object[] {"POST /webhooks/frontapp HTTP/1.1\r\nContent-Type: "
                + "multipart/form-data; boundary=x", json, 415});
        cases.put("webhook: unknown sender", new Object[] {"POST /webhooks/nobody HTTP/1.1\r\nContent-Type: "
                + "application/json", json, 404});
        cases.put("webhook: wrong method", new Object[] {"GET /webhooks/frontapp HTTP/1.1", new byte[0], 405});
        cases.put("API: wrong method", new Object[] {"GET /api/connectors/x/sync HTTP/1.1\r\n" + TOKEN, new byte[0],
                405});
        cases.put("API: full is not a boolean", new Object[] {"POST /api/connectors/frontapp/sync?full=yes HTTP/1.1\r\n"
                + TOKEN, json, 400});
        cases.put("API: an erasure without an identifier", new Object[] {"POST /api/erasures HTTP/1.1\r\n"
                + "Content-Type: application/json\r\n" + TOKEN, json, 400});
        cases.put("API: an erasure that is not JSON", new Object[] {"POST /api/erasures HTTP/1.1\r\n"
                + "Content-Type: application/json\r\n" + TOKEN, "{\"identifier\":".getBytes(StandardCharsets.UTF_8), 400});
        cases.put("API: an unknown erasure", new Object[] {"GET /api/erasures/era_0 HTTP/1.1\r\n" + TOKEN,
                new byte[0], 404});
        cases.put("API: PUT on search", new Object[] {"PUT /api/context/search HTTP/1.1\r\n" + TOKEN, json, 405});
        cases.put("API: no token", new Object[] {"GET /api/context/search?q=x HTTP/1.1", new byte[0], 401});
        cases.put("metrics behind the token (hub.api.protect-metrics)", new Object[] {
            "GET /actuator/prometheus HTTP/1.1", new byte[0], 401});
        // %2F stays inside its segment (ids such as customer:hubspot:contacts/60311 need it): an id, not a path
        cases.put("path: encoded slashes", new Object[] {"GET /api/context/event/..%2F..%2Fx HTTP/1.1\r\n" + TOKEN,
                new byte[0], 404});
        cases.put("path: encoded slashes do not climb out", new Object[] {"GET /api/context/..%2F..%2Factuator%2F"
                + "prometheus HTTP/1.1\r\n" + TOKEN, new byte[0], 404});
        // refused by the request firewall before any route or token check (docs/security.md)
        cases.put("path: encoded dot segments", new Object[] {"GET /api/%2e%2e/actuator/prometheus HTTP/1.1\r\n"
                + TOKEN, new byte[0], 400});
        cases.put("path: semicolon dot segment", new Object[] {"GET /webhooks/..;/api/context/search?q=x HTTP/1.1",
                new byte[0], 400});
        cases.put("path: encoded NUL", new Object[] {"GET /api/context/event/%00 HTTP/1.1\r\n" + TOKEN, new byte[0],
                400});
        cases.put("path: unknown", new Object[] {"GET /nothing/here HTTP/1.1", new byte[0], 404});
        cases.put("query: 20,000 characters", new Object[] {"GET /api/context/search?q=" + longQuery
                + " HTTP/1.1\r\n" + TOKEN, new byte[0], 400});
        cases.put("query: bad percent-encoding", new Object[] {"GET /api/context/search?q=%ZZ HTTP/1.1\r\n" + TOKEN,
                new byte[0], 400});
        cases.put("header: 20,000 characters", new Object[] {"GET /api/context/search?q=x HTTP/1.1\r\n" + TOKEN
                + "\r\nX-Big: " + longQuery, new byte[0], 400});
        cases.put("header: control characters", new Object[] {"GET /api/context/search?q=x HTTP/1.1\r\n" + TOKEN
                + "\r\nX-Evil: a\u0001b", new byte[0], 400});
        cases.put("API: unknown document type", new Object[] {"GET /api/context/nothing/abc HTTP/1.1\r\n" + TOKEN,
                new byte[0], 400});
        cases.put("API: neither q nor a filter", new Object[] {"GET /api/context/search HTTP/1.1\r\n" + TOKEN,
                new byte[0], 400});
        cases.put("API: from is not a time", new Object[] {"GET /api/context/search?source=frontapp&from=yesterday "
                + "HTTP/1.1\r\n" + TOKEN, new byte[0], 400});
        cases.put("API: from after to", new Object[] {"GET /api/context/search?q=x&from=2026-02-01&to=2026-01-01 "
                + "HTTP/1.1\r\n" + TOKEN, new byte[0], 400});
        cases.put("API: a forged cursor", new Object[] {"GET /api/context/search?source=frontapp&cursor=%21%21 "
                + "HTTP/1.1\r\n" + TOKEN, new byte[0], 400});
        cases.put("API: source with markup", new Object[] {"GET /api/context/search?q=x&source=%3Cscript%3E "
                + "HTTP/1.1\r\n" + TOKEN, new byte[0], 400});
        cases.put("API: k out of range", new Object[] {"GET /api/context/search?q=x&k=100000 HTTP/1.1\r\n" + TOKEN,
                new byte[0], 400});
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void isRefusedWithAPreciseJsonError(String name, String head, byte[] body, int status) {
        RawHttp.Answer answer = RawHttp.send(port, head, body);
        assertJsonError(answer, status);
    }

    @org.junit.jupiter.api.Test
    void aBodyLargerThanTheLimitSentInChunksIs413() {
        byte[] chunk = ("{\"pad\":\"" + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer answer = RawHttp.send(port, "POST /webhooks/frontapp HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nTransfer-Encoding: chunked", chunked.toByteArray(), -1);
        assertJsonError(answer, 413);
    }

    @org.junit.jupiter.api.Test
    void aBodyThatStopsHalfWayIsCutOffWith408() {
        byte[] half = "{\"id\":\"evt_slow\",".getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.send(port, front(half).replace("Content-Length", "X-Ignored"), half, 400);
        assertJsonError(answer, 408);
    }

    @org.junit.jupiter.api.Test
    void protectedMetricsAnswerWithTheToken() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /actuator/prometheus HTTP/1.1\r\n" + TOKEN, new byte[0]);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("camel_exchanges");
    }

    static void assertJsonError(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json()).as(answer.toString()).isNotNull();
        assertThat(answer.json().path("error").asText()).as(answer.toString()).isNotBlank();
        assertThat(answer.json().path("detail").asText()).as(answer.toString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("<html");
    }

    static String headers(Map<String, String> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(text.isEmpty() ? "" : "\r\n").append(name).append(": ")
                .append(value));
        return text.toString();
    }
}
