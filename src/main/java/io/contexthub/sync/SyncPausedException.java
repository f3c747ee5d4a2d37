package io.contexthub.sync;

/**
 * The API asks the hub to stop for now (its daily allocation is spent or nearly so). Not a failure: the run stops
 * after the last committed page, keeps its pending calls and resumes at the stream's next run.
 */
public class SyncPausedException extends RuntimeException {

    public SyncPausedException(String message) {
        super(message);
    }
}
