package io.contexthub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The documented payloads of ../shared/fixtures, copied under src/test/resources/fixtures. Each holds the
 * exact signed bytes ({@code raw_body}), the request headers and the test secret that signed them.
 */
public record Fixtures(JsonNode json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Fixtures load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new Fixtures(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] rawBody() {
        return json.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
    }

    public JsonNode body() {
        return json.path("body");
    }

    public String header(String name) {
        return json.path("request").path("headers").path(name).asText(null);
    }

    /** The fixture's test secret, where {@code _meta.test_secret} is a single string. */
    public String testSecret() {
        return json.path("_meta").path("test_secret").asText();
    }

    public String testSecret(String name) {
        return json.path("_meta").path("test_secret").path(name).asText();
    }
}
