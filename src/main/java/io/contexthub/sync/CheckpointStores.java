package io.contexthub.sync;

/** Opens the checkpoint store of one tenant where the configured storage keeps checkpoints ({@link CheckpointStorage}). */
@FunctionalInterface
public interface CheckpointStores {

    CheckpointStore open(String tenant);
}
