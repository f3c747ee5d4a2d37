package io.contexthub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.mapping.CanonicalDocument;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.platform.Stage;
import io.contexthub.staging.Envelope;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What processing would make of an envelope, without staging, embedding or storing anything: the documents each
 * mapping returns, each one's schema violations and embedding text, or the stage and reason it would fail at. For
 * an integrator changing a mapping (the console's dry-run, {@code POST /api/mappings/dry-run}, {@code hub dry-run}).
 */
@Component
public class DryRun {

    private final MappingRunner mappings;
    private final CanonicalSchemas schemas;
    private final EmbeddingText embeddingText;

    public DryRun(MappingRunner mappings, CanonicalSchemas schemas, EmbeddingText embeddingText) {
        this.mappings = mappings;
        this.schemas = schemas;
        this.embeddingText = embeddingText;
    }

    /**
     * One mapped document.
     *
     * @param id            its canonical id
     * @param entity        its kind
     * @param mapping       the mapping file that made it
     * @param document      the canonical document
     * @param violations    where it breaks its kind's schema (empty: valid)
     * @param embeddingText the text that would be embedded; null when it does not validate or the template fails
     * @param renderError   why the embedding template failed, if it did
     */
    public record Mapped(String id, String entity, String mapping, ObjectNode document, List<String> violations,
                         String embeddingText, String renderError) {
    }

    /**
     * The outcome.
     *
     * @param documents what the mappings returned
     * @param failedAt  the stage processing would dead-letter the envelope at ({@code map}, {@code validate},
     *                  {@code render}); null when it would be stored
     * @param cause     why
     */
    public record Result(List<Mapped> documents, String failedAt, String cause) {

        public boolean wouldStore() {
            return failedAt == null;
        }
    }

    /** The outcome as the API answers it and {@code hub dry-run} prints it. */
    public static ObjectNode report(Envelope envelope, Result result, ObjectMapper mapper) {
        ObjectNode report = mapper.createObjectNode().put("wouldStore", result.wouldStore())
                .put("failedAt", result.failedAt()).put("cause", result.cause());
        report.putObject("envelope").put("source", envelope.source()).put("stream", envelope.stream())
                .put("type", envelope.type());
        report.set("documents", mapper.valueToTree(result.documents()));
        return report;
    }

    public Result run(Envelope envelope) {
        List<CanonicalDocument> mapped;
        try {
            mapped = mappings.map(envelope);
        } catch (RuntimeException e) {
            return new Result(List.of(), Stage.MAP.text(), e.getMessage());
        }
        List<Mapped> documents = new ArrayList<>();
        String failedAt = null;
        List<String> causes = new ArrayList<>();
        for (CanonicalDocument document : mapped) {
            List<String> violations = schemas.violations(document.entity(), document.json());
            String text = null;
            String renderError = null;
            if (violations.isEmpty()) {
                try {
                    text = embeddingText.render(document.entity(), document.json());
                } catch (RuntimeException e) {
                    renderError = e.getMessage();
                }
            }
            if (!violations.isEmpty()) {
                failedAt = Stage.VALIDATE.text();
                causes.add(document.id() + " (from " + document.mapping() + ") violates " + document.entity()
                        + ".schema.json: " + String.join("; ", violations));
            } else if (renderError != null && failedAt == null) {
                failedAt = Stage.RENDER.text();
                causes.add(document.id() + ": " + renderError);
            }
            documents.add(new Mapped(document.id(), document.entity(), document.mapping(), document.json(),
                    violations, text, renderError));
        }
        return new Result(documents, failedAt, causes.isEmpty() ? null : String.join(" | ", causes));
    }
}
