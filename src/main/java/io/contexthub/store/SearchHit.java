package io.contexthub.store;

/**
 * One result. {@code cursor} is set when listing (a search without text): pass the last hit's cursor back as
 * {@code after} for the next page.
 */
public record SearchHit(String id, String type, double score, String json, String cursor) {

    public SearchHit(String id, String type, double score, String json) {
        this(id, type, score, json, null);
    }
}
