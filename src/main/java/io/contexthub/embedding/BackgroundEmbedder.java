package io.contexthub.embedding;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding model, loaded on a thread of its own while the rest of the hub starts: webhooks are accepted and
 * staged as soon as the HTTP server and the routes are up, and the first batch (or search) waits for the model
 * instead of the whole start. A model that cannot be loaded fails every call with the reason, so batches stay
 * staged and the processing breaker opens; what is checkable without loading (the model folder's files) is
 * checked before, at startup, by {@link OnnxEmbedder#check}.
 */
public final class BackgroundEmbedder implements Embedder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundEmbedder.class);

    private final CompletableFuture<OnnxEmbedder> model;

    public BackgroundEmbedder(Supplier<OnnxEmbedder> loader) {
        long start = System.nanoTime();
        this.model = CompletableFuture.supplyAsync(() -> {
            OnnxEmbedder loaded = loader.get();
            log.info("embedding model {} loaded in {} ms", loaded.modelId(), (System.nanoTime() - start) / 1_000_000);
            return loaded;
        }, runnable -> {
            Thread thread = new Thread(runnable, "embedding-model-load");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private OnnxEmbedder model() {
        try {
            return model.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedding model loads", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the embedding model could not be loaded: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model().embed(texts);
    }

    @Override
    public int dimensions() {
        return model().dimensions();
    }

    @Override
    public String modelId() {
        return model().modelId();
    }

    @Override
    public void close() {
        model.thenAccept(OnnxEmbedder::close);
    }
}
