package io.contexthub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records must mirror the schemas: every example survives a round trip through its record unchanged, and
 * every property a schema declares is a record component (so a field added to a schema fails here until the
 * record has it too).
 */
class CanonicalRecordsTest {

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    static Stream<Arguments> entities() {
        return Stream.of(Arguments.of("customer", Customer.class), Arguments.of("invoice", Invoice.class),
                Arguments.of("deal", Deal.class),
                Arguments.of("event", Event.class));
    }

    @ParameterizedTest
    @MethodSource("entities")
    void theExampleRoundTripsThroughItsRecordUnchanged(String entity, Class<?> type) throws IOException {
        JsonNode example = JSON.readTree(Path.of("canonical-model/examples/" + entity + ".example.json").toFile());

        Object record = JSON.treeToValue(example, type);

        JsonNode roundTripped = JSON.readTree(JSON.writeValueAsString(record));
        assertThat(roundTripped).isEqualTo(example);
    }

    @ParameterizedTest
    @MethodSource("entities")
    void everySchemaPropertyIsARecordComponent(String entity, Class<?> type) throws IOException {
        JsonNode schema = JSON.readTree(Path.of("canonical-model/" + entity + ".schema.json").toFile());
        Set<String> declared = new TreeSet<>();
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            declared.add(it.next());
        }
        Set<String> components = new TreeSet<>();
        for (var component : type.getRecordComponents()) {
            components.add(component.getName());
        }

        assertThat(components).isEqualTo(declared);
    }
}
