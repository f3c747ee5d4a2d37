package io.contexthub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.contexthub.platform.Assets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The contract: {@code canonical-model/<entity>.schema.json} (JSON Schema 2020-12). Schema ids live under
 * {@link #BASE}; they are resolved from the hub's assets, never fetched, so a {@code $ref} between the
 * schemas works offline and follows an assets-dir override.
 */
@Component
public class CanonicalSchemas {

    public static final String BASE = "https://schemas.contexthub.io/canonical/";

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    public CanonicalSchemas(Assets assets) {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaLoaders(loaders -> loaders.schemas(iri -> iri.startsWith(BASE)
                        ? assets.read("canonical-model/" + iri.substring(BASE.length())) : null)));
    }

    /** Violations of the entity's schema, each naming the JSON path; empty when the document conforms. */
    public List<String> violations(String entity, JsonNode document) {
        JsonSchema schema = schemas.computeIfAbsent(entity, e ->
                factory.getSchema(SchemaLocation.of(BASE + e + ".schema.json"), config));
        return schema.validate(document).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
