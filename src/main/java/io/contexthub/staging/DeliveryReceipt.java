package io.contexthub.staging;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened to each event of one webhook request: staged, or recognised as a duplicate. Shared by the
 * request's exchange and the exchanges that stage its events, so the reply can tell the sender.
 */
public final class DeliveryReceipt {

    private final List<String> staged = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();

    public synchronized void staged(String idempotencyKey) {
        staged.add(idempotencyKey);
    }

    public synchronized void duplicate(String idempotencyKey) {
        duplicates.add(idempotencyKey);
    }

    public synchronized List<String> staged() {
        return List.copyOf(staged);
    }

    public synchronized List<String> duplicates() {
        return List.copyOf(duplicates);
    }
}
