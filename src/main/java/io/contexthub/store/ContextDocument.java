package io.contexthub.store;

/**
 * A canonical document as the context store holds it.
 *
 * @param id          {@code <entity>:<source>:<sourceId>}; the same object always lands on the same id
 * @param type        customer, invoice or event
 * @param source      the connector it came from
 * @param version     epoch millis of the source's last change; older versions never replace newer ones
 * @param json        the canonical document as JSON
 * @param text        the text that was embedded, also indexed for keyword search
 * @param vector      unit-length embedding of {@code text}
 * @param contentHash hash of model id and text; unchanged means the vector can be reused
 */
public record ContextDocument(
        String id, String type, String source, long version, String json, String text, float[] vector,
        String contentHash) {
}
