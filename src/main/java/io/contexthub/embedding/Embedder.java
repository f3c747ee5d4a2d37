package io.contexthub.embedding;

import java.util.List;

/** Turns texts into unit-length vectors; documents and queries go through the same model. */
public interface Embedder {

    /** One L2-normalised vector per text, in input order. */
    List<float[]> embed(List<String> texts);

    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    int dimensions();

    /** Identifies the model; stored with each document so a model change is noticed. */
    String modelId();
}
