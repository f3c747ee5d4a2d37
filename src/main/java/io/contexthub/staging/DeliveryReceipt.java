package io.contexthub.staging;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened to each event of one webhook request: staged, recognised as a duplicate, or suppressed (it names
 * an erased person). Shared by the
 * request's exchange and the exchanges that stage its events, so the reply can tell the sender.
 */
public final class DeliveryReceipt {

    private final List<String> staged = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();
    private final List<String> suppressed = new ArrayList<>();

    public synchronized void staged(String idempotencyKey) {
        staged.add(idempotencyKey);
    }

    public synchronized void duplicate(String idempotencyKey) {
        duplicates.add(idempotencyKey);
    }

    public synchronized void suppressed(String idempotencyKey) {
        suppressed.add(idempotencyKey);
    }

    /** Events about an erased person: acknowledged, not staged. */
    public synchronized List<String> suppressed() {
        return List.copyOf(suppressed);
    }

    public synchronized List<String> staged() {
        return List.copyOf(staged);
    }

    public synchronized List<String> duplicates() {
        return List.copyOf(duplicates);
    }
}
