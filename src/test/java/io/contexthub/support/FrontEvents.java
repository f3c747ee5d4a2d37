package io.contexthub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Variations of the documented Front inbound webhook, with their own ids so tests do not collide. */
public final class FrontEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Fixtures INBOUND = Fixtures.load("front-webhook-inbound.json");
    public static final String SECRET = INBOUND.testSecret("application_signing_key");

    private FrontEvents() {
    }

    /** The fixture with new event and message ids, a new text and, optionally, a new sender handle. */
    public static byte[] inbound(String eventId, String messageId, String text, String senderHandle) {
        ObjectNode body = INBOUND.body().deepCopy();
        ObjectNode event = (ObjectNode) body.path("payload");
        event.put("id", eventId);
        ObjectNode message = (ObjectNode) event.path("target").path("data");
        message.put("id", messageId);
        message.put("text", text);
        message.put("blurb", text);
        if (senderHandle != null) {
            ((ObjectNode) message.path("recipients").path(0)).put("handle", senderHandle);
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String asString(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
