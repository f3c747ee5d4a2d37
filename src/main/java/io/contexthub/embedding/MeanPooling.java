package io.contexthub.embedding;

/**
 * Sentence-transformers pooling done in plain Java: ONNX Runtime's DJL engine has almost no NDArray
 * operations. The mean of the token vectors under the attention mask, then scaled to unit length so cosine
 * similarity is a dot product.
 */
public final class MeanPooling {

    private MeanPooling() {
    }

    /**
     * @param hidden    last hidden state, flattened [batch, tokens, dims]
     * @param mask      attention mask per batch row
     * @param tokens    padded sequence length
     * @param dims      hidden size
     */
    public static float[][] pool(float[] hidden, long[][] mask, int tokens, int dims) {
        float[][] out = new float[mask.length][dims];
        for (int row = 0; row < mask.length; row++) {
            float[] sum = out[row];
            int counted = 0;
            for (int t = 0; t < tokens; t++) {
                if (mask[row][t] == 0) {
                    continue;
                }
                counted++;
                int offset = (row * tokens + t) * dims;
                for (int d = 0; d < dims; d++) {
                    sum[d] += hidden[offset + d];
                }
            }
            float divisor = Math.max(counted, 1);
            for (int d = 0; d < dims; d++) {
                sum[d] /= divisor;
            }
            normalise(sum);
        }
        return out;
    }

    public static void normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-12) {
            return;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }
}
