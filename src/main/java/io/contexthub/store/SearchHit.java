package io.contexthub.store;

/** One search result; {@code score} is the fused reciprocal-rank score, higher is better. */
public record SearchHit(String id, String type, double score, String json) {
}
