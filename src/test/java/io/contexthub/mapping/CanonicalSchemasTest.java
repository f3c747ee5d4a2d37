package io.contexthub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalSchemasTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CanonicalSchemas schemas = new CanonicalSchemas(new Assets(new HubProperties(Path.of("target"),
            Path.of("").toAbsolutePath(), HubProperties.Staging.spool, HubProperties.Store.lucene)));

    static ObjectNode example(String entity) throws IOException {
        return (ObjectNode) JSON.readTree(Path.of("canonical-model/examples/" + entity + ".example.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer", "invoice", "deal", "event"})
    void everyExampleConformsToItsSchema(String entity) throws IOException {
        assertThat(schemas.violations(entity, example(entity))).isEmpty();
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        ObjectNode event = example("event");
        event.remove("occurredAt");

        assertThat(schemas.violations("event", event)).singleElement().asString().contains("occurredAt");
    }

    @Test
    void formatsAreAsserted() throws IOException {
        ObjectNode customer = example("customer");
        customer.put("updatedAt", "yesterday");
        customer.putArray("emails").add("not-an-email");

        assertThat(schemas.violations("customer", customer))
                .anySatisfy(v -> assertThat(v).contains("/updatedAt"))
                .anySatisfy(v -> assertThat(v).contains("/emails/0"));
    }

    @Test
    void amountsMustBeWholeMinorUnits() throws IOException {
        ObjectNode invoice = example("invoice");
        invoice.put("total", 119.00001);
        invoice.put("currency", "eur");

        assertThat(schemas.violations("invoice", invoice))
                .anySatisfy(v -> assertThat(v).contains("/total"))
                .anySatisfy(v -> assertThat(v).contains("/currency"));
    }

    @Test
    void unknownTopLevelFieldsAreRejectedSoMappingsCannotDrift() throws IOException {
        ObjectNode customer = example("customer");
        customer.put("favouriteColour", "green");

        assertThat(schemas.violations("customer", customer)).singleElement().asString().contains("favouriteColour");
    }

    @Test
    void theIdMustNameTheEntity() throws IOException {
        JsonNode event = example("event").put("id", "customer:frontapp:msg_1");

        assertThat(schemas.violations("event", event)).singleElement().asString().contains("/id");
    }
}
