package io.contexthub.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Backoff between attempts at a batch that could not be stored (the store or the model runtime down, the circuit
 * breaker open). The batch goes back to its bus (spool files released, Kafka offsets not committed) only after a
 * wait that doubles with each consecutive failure, from {@code hub.processing.retry.initial-delay-millis} up to
 * {@code max-delay-millis}, and the staging consumer reads nothing meanwhile: an outage costs one log line per
 * attempt, not a busy loop, and ends by itself when a batch is stored again.
 */
@Component("batchBackoff")
public class BatchBackoff {

    private static final Logger log = LoggerFactory.getLogger(BatchBackoff.class);

    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final AtomicInteger failures = new AtomicInteger();

    public BatchBackoff(ProcessingProperties properties) {
        this.initialDelayMillis = properties.retry().initialDelayMillis();
        this.maxDelayMillis = properties.retry().maxDelayMillis();
    }

    public void succeeded() {
        int failed = failures.getAndSet(0);
        if (failed > 0) {
            log.info("batches are stored again, after {} failed attempts", failed);
        }
    }

    /** Waits, then fails the exchange with the cause, so the batch stays staged and is read again. */
    public void failed(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attempt = failures.incrementAndGet();
        long delay = delayMillis(attempt);
        log.warn("batch not stored at stage {} (attempt {}): {}; its envelopes stay staged and are read again in {} ms",
                exchange.getProperty("hubStage"), attempt, cause == null ? "unknown" : cause.getMessage(), delay);
        try {
            TimeUnit.MILLISECONDS.sleep(delay);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        throw cause == null ? new IllegalStateException("batch not stored") : cause;
    }

    long delayMillis(int attempt) {
        long delay = initialDelayMillis << Math.min(attempt - 1, 30);
        return Math.min(maxDelayMillis, delay <= 0 ? maxDelayMillis : delay);
    }
}
