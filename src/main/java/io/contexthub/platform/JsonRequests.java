package io.contexthub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.camel.Exchange;

/** The JSON object an API request carries (an empty one for no body); 400 for anything else. */
public final class JsonRequests {

    private JsonRequests() {
    }

    public static JsonNode object(Exchange exchange, ObjectMapper mapper) {
        JsonNode body;
        try {
            byte[] bytes = exchange.getMessage().getBody(byte[].class);
            body = bytes == null || bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
        } catch (IOException e) {
            throw RequestRejectedException.badRequest("malformed_json", "the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw RequestRejectedException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return body;
    }
}
