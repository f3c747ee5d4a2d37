package io.contexthub.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Sets the JSON reply of an HTTP route. The message is cleared first: platform-http would otherwise copy every
 * request header (a webhook signature, say) onto the response.
 */
public final class HttpReplies {

    public static final String CONTENT_TYPE_JSON = "application/json";

    private HttpReplies() {
    }

    public static void json(Exchange exchange, int status, JsonNode body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE_JSON);
        message.setBody(body.toString());
    }

    /** A reply that is not built per request (a description, a page), with its content type. */
    public static void bytes(Exchange exchange, int status, String contentType, byte[] body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }

    public static void empty(Exchange exchange, int status) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(HubHeaders.HTTP_RESPONSE_CODE, status);
        message.setBody(null);
    }

    public static void rejected(Exchange exchange, RequestRejectedException rejected) {
        json(exchange, rejected.status(), ErrorBodies.of(rejected.error(), rejected.detail()));
    }
}
