package io.contexthub.staging;

/**
 * The idempotency keys of events already staged, so a redelivery is answered {@code 200 duplicate} and not staged
 * twice. A key is {@link #remember remembered} only after its envelope is durable (fsync'd on the spool,
 * acknowledged by the brokers on Kafka): a crash or a refused write in between leaves no key behind, and the
 * sender's retry stages the event. The other way round, a key lost after its envelope was staged is harmless:
 * documents have deterministic ids, so an event staged twice rewrites its own document.
 */
public interface DeliveryKeys {

    /** Whether an event with this key was staged. */
    boolean seen(String key);

    /** Records a key whose envelope is now durable. */
    void remember(String key);
}
