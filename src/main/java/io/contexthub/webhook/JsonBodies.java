package io.contexthub.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.RequestRejectedException;
import java.io.IOException;

/** Parses verified request bodies; anything but a JSON object or array is a 400. */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonNode parse(ObjectMapper mapper, byte[] body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw RequestRejectedException.badRequest("malformed_json",
                    "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejectedException.badRequest("malformed_json", "the body could not be read");
        }
        if (node == null || !(node.isObject() || node.isArray())) {
            throw RequestRejectedException.badRequest("malformed_json", "the body must be a JSON object or array");
        }
        return node;
    }
}
