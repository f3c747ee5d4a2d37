package io.contexthub.store;

/**
 * A hybrid query: the text drives keyword (BM25) matching, its embedding drives nearest-neighbour matching.
 *
 * @param text   what the user typed
 * @param vector embedding of {@code text}
 * @param type   optional entity filter (customer, invoice, event); null searches all
 * @param k      how many hits to return
 */
public record SearchQuery(String text, float[] vector, String type, int k) {
}
