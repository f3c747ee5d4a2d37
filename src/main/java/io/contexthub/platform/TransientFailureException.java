package io.contexthub.platform;

/**
 * A failure of infrastructure the hub depends on (model runtime, context store, bus). The processing routes
 * retry it with backoff and leave the envelope staged; it never becomes a dead letter.
 */
public class TransientFailureException extends RuntimeException {

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
