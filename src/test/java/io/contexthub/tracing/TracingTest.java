package io.contexthub.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.contexthub.support.FrontEvents;
import io.contexthub.support.HubClient;
import io.contexthub.support.HubTest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Traces exported with OTLP to an in-process receiver (a plain HTTP server reading the exporter's protobuf
 * requests): a webhook's trace goes on across the spool into its envelope's processing span, which says whether
 * the event was stored or dead-lettered and why, and carries the request's correlation id.
 */
@HubTest
@AutoConfigureObservability
@TestPropertySource(properties = {
        "hub.api.token=tracing-token",
        "management.tracing.enabled=true",
        "hub.processing.batch.timeout-millis=50"})
class TracingTest {

    static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    static final HttpServer RECEIVER = receiver();

    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    ExportTraceServiceRequest.parseFrom(body.readAllBytes()).getResourceSpansList()
                            .forEach(resource -> resource.getScopeSpansList()
                                    .forEach(scope -> SPANS.addAll(scope.getSpansList())));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void otlp(DynamicPropertyRegistry registry) {
        registry.add("hub.webhooks.frontapp.secret", () -> FrontEvents.SECRET);
        registry.add("management.otlp.tracing.endpoint",
                () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop(0);
    }

    @LocalServerPort
    int port;

    static Map<String, String> attributes(Span span) {
        return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey,
                kv -> kv.getValue().getStringValue(), (a, b) -> a));
    }

    static String hex(com.google.protobuf.ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    Span processing(String correlationId) {
        return SPANS.stream().filter(span -> span.getName().equals("hub.process.envelope")
                && correlationId.equals(attributes(span).get("hub.correlation.id"))).findFirst().orElse(null);
    }

    @Test
    void aWebhooksTraceGoesOnIntoItsProcessingAndSaysWhatBecameOfIt() {
        HubClient hub = new HubClient(port, "tracing-token");
        var stored = hub.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_trace_1", "msg_trace_1", "Traced",
                null));
        var rejected = hub.postFront(FrontEvents.SECRET, FrontEvents.inbound("evt_trace_2", "msg_trace_2", "Traced",
                "trace@"));
        String storedId = stored.response().headers().firstValue("X-Correlation-Id").orElseThrow();
        String rejectedId = rejected.response().headers().firstValue("X-Correlation-Id").orElseThrow();

        await().atMost(Duration.ofSeconds(60)).alias("spans received: " + SPANS.size()).until(() ->
                processing(storedId) != null && processing(rejectedId) != null);

        Span ok = processing(storedId);
        assertThat(attributes(ok)).containsEntry("hub.outcome", "stored").containsEntry("hub.source", "frontapp");
        assertThat(ok.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(ok.getEventsList()).as("where its time went").extracting(Span.Event::getName)
                .containsSubsequence("mapped", "rendered", "embedded", "written");
        assertThat(ok.getEventsList().get(ok.getEventsCount() - 1).getTimeUnixNano())
                .isGreaterThanOrEqualTo(ok.getEventsList().get(0).getTimeUnixNano());
        List<Span> sameTrace = SPANS.stream().filter(span -> span.getTraceId().equals(ok.getTraceId())
                && span != ok).toList();
        assertThat(sameTrace).as("the request's own spans, in the trace the processing continues: %s",
                SPANS.stream().map(Span::getName).toList()).isNotEmpty();
        assertThat(sameTrace).extracting(span -> hex(span.getSpanId())).contains(hex(ok.getParentSpanId()));

        Span failed = processing(rejectedId);
        assertThat(attributes(failed)).containsEntry("hub.outcome", "dead letter");
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(failed.getEventsList().toString() + failed.getStatus().getMessage()).contains("/emails/0");
    }
}
