package io.contexthub.store;

/**
 * A hybrid query: the text drives keyword (BM25) matching, its embedding drives nearest-neighbour matching, and
 * documents carrying an identifier the text holds exactly come first. Without text it lists the documents that
 * pass the filters, newest first, a page at a time.
 *
 * @param text    what the user typed; null or blank lists instead of ranking
 * @param vector  embedding of {@code text}; null without text
 * @param type    optional entity filter (customer, invoice, event); null searches all
 * @param k       how many hits to return
 * @param filters conditions every hit meets
 * @param after   the cursor of the last hit of the previous page, when listing; null for the first page
 */
public record SearchQuery(String text, float[] vector, String type, int k, SearchFilters filters, String after) {

    public SearchQuery(String text, float[] vector, String type, int k) {
        this(text, vector, type, k, SearchFilters.NONE, null);
    }

    /** Every customer record carrying an exact identifier (normalised), deleted ones included, up to {@code limit}. */
    public static SearchQuery customersCarrying(String identifier, int limit) {
        return new SearchQuery(null, null, "customer", limit,
                new SearchFilters(null, null, null, null, null, null, identifier, true), null);
    }

    public boolean listing() {
        return text == null || text.isBlank();
    }
}
