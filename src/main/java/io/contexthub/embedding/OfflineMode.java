package io.contexthub.embedding;

/**
 * DJL reaches for the network (model zoo, telemetry) unless told it is offline. The property must be set
 * before DJL's classes read it, so the application's main method and the embedder both call this.
 */
public final class OfflineMode {

    public static final String DJL_OFFLINE = "ai.djl.offline";

    private OfflineMode() {
    }

    public static void enable() {
        System.setProperty(DJL_OFFLINE, "true");
    }
}
