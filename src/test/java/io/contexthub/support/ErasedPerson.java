package io.contexthub.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An invented Stripe customer for the erasure tests, and the documented webhook events (stripe-customer-created,
 * stripe-invoice-paid) rewritten about her, signed as Stripe signs them.
 */
public final class ErasedPerson {

    public static final String EMAIL = "ingrid.lund@fjordpost.no";
    public static final String NAME = "Ingrid Lundqvist-Erased";
    public static final String PHONE = "+4791234567";
    public static final String CUSTOMER = "cus_Erase1";

    private ErasedPerson() {
    }

    public static ObjectNode customerEvent(String eventId, String type, long created) {
        ObjectNode event = (ObjectNode) Fixtures.load("stripe-customer-created.json").body().deepCopy();
        event.put("id", eventId).put("type", type).put("created", created);
        ObjectNode customer = (ObjectNode) event.path("data").path("object");
        customer.put("id", CUSTOMER).put("email", EMAIL).put("name", NAME).put("phone", PHONE);
        customer.remove("metadata");
        return event;
    }

    /** Her invoice; a currency the schema refuses ({@code euro}) makes it a dead letter that names her. */
    public static ObjectNode invoiceEvent(String eventId, String invoiceId, String currency) {
        ObjectNode event = (ObjectNode) Fixtures.load("stripe-invoice-paid.json").body().deepCopy();
        event.put("id", eventId);
        ObjectNode invoice = (ObjectNode) event.path("data").path("object");
        invoice.put("id", invoiceId).put("customer", CUSTOMER).put("customer_email", EMAIL)
                .put("customer_name", NAME).put("currency", currency);
        return event;
    }

    public static HubClient.Reply post(HubClient hub, String secret, ObjectNode event) {
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        return hub.post("/webhooks/stripe", Map.of("Content-Type", "application/json", "Stripe-Signature",
                StripeSigner.header(secret, System.currentTimeMillis() / 1000, body)), body);
    }

    /** {@code POST /api/erasures} for her e-mail (upper case: identifiers are normalised). */
    public static HubClient.Reply erase(HubClient hub, String token) {
        return hub.post("/api/erasures", Map.of("Authorization", "Bearer " + token, "Content-Type",
                "application/json"), ("{\"identifier\":\"" + EMAIL.toUpperCase() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
