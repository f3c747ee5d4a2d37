package io.contexthub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a deletion leaves in the store in place of the document, so the deletion holds: a later write of the same or
 * an older version (a redelivery, a redrive, a re-sync of the old copy) is stale against it, and only a newer
 * genuine version (the record changed again at its source, e.g. restored) replaces it. Its version is the deleted
 * document's plus one millisecond, which the stores' version guard (equal or newer replaces) then enforces; and a
 * newer copy that says exactly what the deleted one said ({@link RecordContent}) is not a change either — a
 * source observed again (a list re-read versioned at the time of reading) does not undo a deletion.
 *
 * @param id        the deleted document's id
 * @param type      its entity
 * @param version   the deleted version + 1: what a write must reach to replace the tombstone
 * @param deletedAt when it was deleted
 * @param deletedBy who deleted it ({@code api}, an erasure job, ...), never a person's identifier
 * @param reason    why, as given
 * @param content   the {@link RecordContent} hash of what was deleted
 */
public record Tombstone(String id, String type, long version, Instant deletedAt, String deletedBy, String reason,
                        String content) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tombstone of {@code document}, deleted for {@code deletion}. */
    public static Tombstone of(ContextDocument document, Deletion deletion) {
        return new Tombstone(document.id(), document.type(), document.version() + 1, deletion.at(), deletion.by(),
                deletion.reason(), RecordContent.hash(document.json()));
    }

    /** Whether {@code document} may replace this tombstone: newer, and saying something the deleted copy did not. */
    public boolean replacedBy(ContextDocument document) {
        return document.version() >= version && !content.equals(RecordContent.hash(document.json()));
    }

    /** As the API shows it. */
    public String json() {
        ObjectNode node = JSON.createObjectNode().put("id", id).put("type", type).put("tombstone", true)
                .put("version", version).put("deletedAt", deletedAt.toString()).put("deletedBy", deletedBy)
                .put("content", content);
        if (reason != null) {
            node.put("reason", reason);
        }
        return node.toString();
    }

    public static Tombstone fromJson(String json) {
        try {
            var node = JSON.readTree(json);
            return new Tombstone(node.path("id").asText(), node.path("type").asText(), node.path("version").asLong(),
                    Instant.parse(node.path("deletedAt").asText()), node.path("deletedBy").asText(),
                    node.path("reason").asText(null), node.path("content").asText(""));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a tombstone that is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Why and by whom a document is deleted.
     *
     * @param by     who deletes ({@code api}, {@code erasure:<job id>}, {@code retention})
     * @param reason why, or null
     * @param at     when
     */
    public record Deletion(String by, String reason, Instant at) {
    }
}
