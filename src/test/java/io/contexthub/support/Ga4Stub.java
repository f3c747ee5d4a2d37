package io.contexthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Google's token endpoint and the GA4 Data API played by WireMock from the documented runReport answer, with a
 * service account whose key pair is made here (its public half lets a test check the JWT the hub signs).
 */
public final class Ga4Stub implements AutoCloseable {

    public static final String EMAIL = "hub-reader@example-project.iam.gserviceaccount.com";
    public static final String ACCESS_TOKEN = "ya29.test-token";
    public static final String PROPERTY = "123456789";
    public static final JsonNode ANSWER = Fixtures.load("ga4-runreport.json").json().path("response").path("body");
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final KeyPair keys;

    public Ga4Stub() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public KeyPair keys() {
        return keys;
    }

    /** Writes the service account's JSON key file (as the Cloud console downloads it) into a folder. */
    public Path writeServiceAccountKey(Path folder) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = JSON.createObjectNode().put("type", "service_account").put("client_email", EMAIL)
                .put("private_key", pem).put("token_uri", baseUrl() + "/token");
        try {
            Files.createDirectories(folder);
            Path key = folder.resolve("service-account.json");
            Files.writeString(key, json.toString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hub's GA4 settings for this stub ({@code key=value}): property 123456789, one report "countries"
     * (country × activeUsers) in UTC, two days back at first, yesterday pulled again, pages of one row.
     */
    public java.util.Map<String, String> settings(Path serviceAccountKey) {
        var settings = new java.util.LinkedHashMap<String, String>();
        settings.put("hub.connectors.ga4.base-url", baseUrl());
        settings.put("hub.connectors.ga4.service-account-key", serviceAccountKey.toString());
        settings.put("hub.connectors.ga4.property-id", PROPERTY);
        settings.put("hub.connectors.ga4.time-zone", "UTC");
        settings.put("hub.connectors.ga4.initial-days", "2");
        settings.put("hub.connectors.ga4.refresh-days", "1");
        settings.put("hub.connectors.ga4.page-size", "1");
        settings.put("hub.connectors.ga4.requests-per-minute", "6000");
        settings.put("hub.connectors.ga4.reports.countries.dimensions", "country");
        settings.put("hub.connectors.ga4.reports.countries.metrics", "activeUsers");
        return settings;
    }

    public void token() {
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3599,"
                + "\"token_type\":\"Bearer\"}")));
    }

    /**
     * The property's runReport answering page by page with page size 1: each offset gets the documented answer
     * cut to that row (rowCount kept), France's activeUsers set to the given value.
     */
    public void reports(String property, String franceUsers) {
        for (int offset = 0; offset < ANSWER.path("rows").size(); offset++) {
            server.stubFor(post(urlPathEqualTo(runReport(property)))
                    .withRequestBody(matchingJsonPath("$.offset", equalTo(Integer.toString(offset))))
                    .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(page(offset, franceUsers))));
        }
    }

    public static String runReport(String property) {
        return "/v1beta/properties/" + property + ":runReport";
    }

    static String page(int offset, String franceUsers) {
        ObjectNode answer = ANSWER.deepCopy();
        JsonNode row = answer.withArray("rows").get(offset).deepCopy();
        if (row.path("dimensionValues").get(0).path("value").asText().equals("France")) {
            ((ObjectNode) row.path("metricValues").get(0)).put("value", franceUsers);
        }
        answer.putArray("rows").add(row);
        return answer.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
