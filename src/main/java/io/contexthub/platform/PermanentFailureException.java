package io.contexthub.platform;

/**
 * A failure that will not heal by retrying: malformed input, a mapping that rejects its input, a document that
 * breaks its schema. The processing routes send it to the dead letters at once, with this message as the cause.
 */
public class PermanentFailureException extends RuntimeException {

    public PermanentFailureException(String message) {
        super(message);
    }

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
