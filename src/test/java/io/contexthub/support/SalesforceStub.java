package io.contexthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * A Salesforce org played by WireMock from the documented token and query payloads of ../shared/fixtures, for
 * camel-salesforce to log in to and query. The token answer points instance_url back at the stub.
 */
public final class SalesforceStub implements AutoCloseable {

    public static final String API = "/services/data/v59.0";
    public static final String TOKEN = "/services/oauth2/token";

    private final WireMockServer server;

    public SalesforceStub() {
        this(false);
    }

    /** @param templating whether answers may use WireMock's response templates (the Bayeux exchange echoes ids) */
    public SalesforceStub(boolean templating) {
        server = new WireMockServer(options().dynamicPort().globalTemplating(templating));
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** A JSON answer carrying the org's API usage as Salesforce reports it on every response. */
    public static ResponseDefinitionBuilder json(String body, String usage) {
        return aResponse().withHeader("Content-Type", "application/json").withHeader("Sforce-Limit-Info",
                "api-usage=" + usage).withBody(body);
    }

    /** The documented token answer with the given access token, its instance_url on the stub. */
    public String token(String accessToken) {
        ObjectNode token = Fixtures.load("salesforce-oauth-token.json").body().deepCopy();
        token.put("access_token", accessToken);
        token.put("instance_url", baseUrl());
        return token.toString();
    }

    /** Every login (refresh-token grant) answers with the same session. */
    public void login(String accessToken) {
        stub(post(urlPathEqualTo(TOKEN)).willReturn(json(token(accessToken), "0/100000")));
    }

    /** A documented query page, each record given the SystemModstamp and IsDeleted the hub's SOQL selects. */
    public static String page(String fixture) {
        ObjectNode body = Fixtures.load(fixture).body().deepCopy();
        body.withArray("records").forEach(record -> ((ObjectNode) record)
                .put("SystemModstamp", record.path("LastModifiedDate").asText()).put("IsDeleted", false));
        return body.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
