package io.contexthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.math.BigDecimal;
import java.util.List;

/**
 * Front's Core API served by WireMock from the documented payloads: the conversation pages of
 * ../shared/fixtures (company host rewritten to the stub, as their notes ask), messages and events shaped like the
 * message and event of the documented webhook, and an OAuth token endpoint. Values beyond the fixtures are
 * invented and say so in their text.
 */
public final class FrontApiStub implements AutoCloseable {

    public static final String FIXTURE_HOST = "https://yourCompany.api.frontapp.com";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    public FrontApiStub() {
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /** A Front list body: results, and next as an absolute URL on the stub (or null). */
    public String list(List<? extends JsonNode> results, String nextPathAndQuery) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("_pagination").put("next", nextPathAndQuery == null ? null : baseUrl() + nextPathAndQuery);
        body.putObject("_links").put("self", baseUrl());
        ArrayNode array = body.putArray("_results");
        results.forEach(array::add);
        return body.toString();
    }

    /** A fixture's body with the company host replaced by the stub's address. */
    public String fixtureBody(String fixture) {
        return Fixtures.load(fixture).body().toString().replace(FIXTURE_HOST, baseUrl());
    }

    /** The documented webhook's message, as another message of a conversation. */
    public static ObjectNode message(String id, String text, double createdAt) {
        ObjectNode message = Fixtures.load("front-webhook-inbound.json").body().path("payload").path("target")
                .path("data").deepCopy();
        message.put("id", id);
        message.put("text", text);
        message.put("blurb", text);
        message.put("created_at", BigDecimal.valueOf(createdAt));
        return message;
    }

    /** The documented webhook's event, as another event of GET /events. */
    public static ObjectNode event(String id, String messageId, String text, double emittedAt) {
        ObjectNode event = Fixtures.load("front-webhook-inbound.json").body().path("payload").deepCopy();
        event.put("id", id);
        event.put("emitted_at", BigDecimal.valueOf(emittedAt));
        ((ObjectNode) event.path("target")).set("data", message(messageId, text, emittedAt));
        return event;
    }

    /** A contact as Front's Core API describes it (values invented). */
    public static ObjectNode contact(String id, String name, String email, double updatedAt) {
        ObjectNode contact = JSON.createObjectNode();
        contact.put("id", id);
        contact.put("name", name);
        contact.put("is_spammer", false);
        ArrayNode handles = contact.putArray("handles");
        handles.addObject().put("handle", email).put("source", "email");
        contact.putArray("groups");
        contact.putObject("custom_fields");
        contact.put("updated_at", BigDecimal.valueOf(updatedAt));
        return contact;
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** GET path with no page_token: the first page. */
    public static MappingBuilder firstPage(String path) {
        return get(urlPathEqualTo(path)).withQueryParam("page_token", absent());
    }

    public static MappingBuilder page(String path, String token) {
        return get(urlPathEqualTo(path)).withQueryParam("page_token", matching(token));
    }

    public static MappingBuilder tokenEndpoint() {
        return post(urlPathEqualTo("/oauth/token"));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
