package io.contexthub.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.Utils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (or a compatible model) on ONNX Runtime, fully offline: DJL's Hugging Face tokenizer, and an
 * ONNX Runtime session opened directly, because the session options that matter here are not reachable through
 * DJL's model API: ONNX Runtime's threads spin-wait for work after every operator by default, which on a machine
 * whose cores also map, validate and index documents takes the CPU the rest of the pipeline needs
 * (docs/performance.md). Inference is serialised: one session already uses the configured intra-op threads.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

    static final int MINILM_DIMENSIONS = 384;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final int batchSize;
    private final int batchTokens;
    private final String modelId;
    private final boolean takesTypeIds;
    private int dimensions = MINILM_DIMENSIONS;

    private OnnxEmbedder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer,
                         int batchSize, int batchTokens, String modelId) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.batchTokens = batchTokens;
        this.modelId = modelId;
        this.takesTypeIds = session.getInputNames().contains("token_type_ids");
    }

    /** What can be checked without loading: the model folder holds the two files it needs. */
    public static void check(EmbeddingProperties properties) {
        Path dir = properties.modelDir();
        if (dir != null && (!Files.isRegularFile(dir.resolve("model.onnx"))
                || !Files.isRegularFile(dir.resolve("tokenizer.json")))) {
            throw new IllegalStateException("hub.embedding.model-dir=" + dir
                    + " must contain model.onnx and tokenizer.json");
        }
    }

    /** Loads the bundled model or the one in {@code hub.embedding.model-dir}, without touching the network. */
    public static OnnxEmbedder load(EmbeddingProperties properties) {
        OfflineMode.enable();
        if (!Utils.isOfflineMode()) {
            throw new IllegalStateException("DJL is not in offline mode; refusing to load a model");
        }
        Map<String, String> tokenizerOptions = Map.of(
                // padded per inference by this class, to the longest text of a batch of similar lengths
                "padding", "false",
                "truncation", "true",
                "maxLength", String.valueOf(properties.maxTokens()),
                "modelMaxLength", String.valueOf(properties.maxTokens()));
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        HuggingFaceTokenizer tokenizer = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(properties.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (!properties.spin()) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            OrtSession session;
            String modelId;
            if (properties.modelDir() == null) {
                var bundled = properties.model();
                try (InputStream onnx = bundled(bundled.onnxResource());
                     InputStream tok = bundled(bundled.tokenizerResource())) {
                    session = environment.createSession(onnx.readAllBytes(), options);
                    tokenizer = HuggingFaceTokenizer.newInstance(tok, tokenizerOptions);
                }
                modelId = bundled.id();
            } else {
                check(properties);
                Path dir = properties.modelDir();
                Path tokenizerFile = dir.resolve("tokenizer.json");
                session = environment.createSession(dir.resolve("model.onnx").toString(), options);
                tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, tokenizerOptions);
                modelId = directoryModelId(dir);
            }
            return new OnnxEmbedder(environment, session, tokenizer, properties.batchSize(), properties.batchTokens(),
                    modelId);
        } catch (IOException | OrtException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw new IllegalStateException("embedding model cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * The id stored with every vector of a model given by directory: its name and a digest of its weights, so new
     * weights copied into the same directory are a new model and every document is embedded again when next
     * written.
     */
    static String directoryModelId(Path dir) throws IOException {
        try (InputStream weights = Files.newInputStream(dir.resolve("model.onnx"))) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = weights.read(buffer); n >= 0; n = weights.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return dir.getFileName() + "@" + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream bundled(String resource) throws IOException {
        InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not on the classpath (dependency "
                    + "dev.langchain4j:langchain4j-embeddings-" + resource.replaceAll("(-tokenizer)?\\.(onnx|json)$", "")
                    + " missing?)");
        }
        return in;
    }

    /**
     * Texts are tokenized once, ordered by length and cut into batches of similar lengths, each at most
     * {@code batchSize} texts and {@code batchTokens} padded tokens: a batch costs its longest text times its rows,
     * so mixing a 20-token customer with a 250-token conversation would pay for padding that does nothing. The
     * vectors come back in the order of the texts.
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] vectors = new float[encodings.length][];
        int from = 0;
        while (from < order.length) {
            int to = from + 1;
            while (to < order.length && to - from < batchSize
                    && (long) (to - from + 1) * encodings[order[to]].getIds().length <= batchTokens) {
                to++;
            }
            Encoding[] batch = new Encoding[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = encodings[order[i]];
            }
            float[][] pooled = embedBatch(batch);
            for (int i = from; i < to; i++) {
                vectors[order[i]] = pooled[i - from];
            }
            from = to;
        }
        return java.util.Arrays.asList(vectors);
    }

    private synchronized float[][] embedBatch(Encoding[] encodings) {
        int rows = encodings.length;
        int tokens = encodings[rows - 1].getIds().length;
        long[][] ids = new long[rows][tokens];
        long[][] mask = new long[rows][tokens];
        long[][] typeIds = new long[rows][tokens];
        for (int i = 0; i < rows; i++) {
            long[] rowIds = encodings[i].getIds();
            System.arraycopy(rowIds, 0, ids[i], 0, rowIds.length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask[i], 0, rowIds.length);
            System.arraycopy(encodings[i].getTypeIds(), 0, typeIds[i], 0, rowIds.length);
        }
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, ids);
             OnnxTensor attention = OnnxTensor.createTensor(environment, mask);
             OnnxTensor types = OnnxTensor.createTensor(environment, typeIds);
             OrtSession.Result output = session.run(takesTypeIds
                     ? Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", types)
                     : Map.of("input_ids", inputIds, "attention_mask", attention))) {
            OnnxTensor hidden = (OnnxTensor) output.get(0);
            long[] shape = hidden.getInfo().getShape();
            dimensions = (int) shape[2];
            FloatBuffer values = hidden.getFloatBuffer();
            float[] flat = new float[values.remaining()];
            values.get(flat);
            return MeanPooling.pool(flat, mask, tokens, dimensions);
        } catch (OrtException e) {
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
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            tokenizer.close();
        }
    }
}
