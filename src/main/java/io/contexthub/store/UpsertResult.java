package io.contexthub.store;

import java.util.List;

/**
 * @param written ids written (new or replacing an older or equal version)
 * @param stale   ids skipped because the store already held a newer version
 */
public record UpsertResult(List<String> written, List<String> stale) {
}
