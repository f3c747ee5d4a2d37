package io.contexthub.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.mapping.JsonataExpression;
import io.contexthub.platform.Assets;
import io.contexthub.platform.PermanentFailureException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Renders the text embedded for a document with the entity's template,
 * {@code canonical-model/embedding/<entity>.jsonata}. Templates decide what a search by meaning can find:
 * names, subjects and message text, not ids or timestamps.
 */
@Component
public class EmbeddingText {

    private final Assets assets;
    private final ObjectMapper mapper;
    private final Map<String, JsonataExpression> templates = new ConcurrentHashMap<>();

    public EmbeddingText(Assets assets, ObjectMapper mapper) {
        this.assets = assets;
        this.mapper = mapper;
    }

    public String render(String entity, JsonNode document) {
        JsonataExpression template = templates.computeIfAbsent(entity, e -> {
            String path = "canonical-model/embedding/" + e + ".jsonata";
            return JsonataExpression.compile(path, assets.read(path), mapper);
        });
        JsonNode text = template.evaluate(document);
        if (!text.isTextual() || text.asText().isBlank()) {
            throw new PermanentFailureException("embedding template for " + entity
                    + " rendered no text for " + document.path("id").asText());
        }
        return text.asText();
    }
}
