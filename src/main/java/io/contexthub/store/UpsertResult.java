package io.contexthub.store;

import java.util.List;
import java.util.Map;

/**
 * @param written  ids written (new or replacing an older or equal version)
 * @param stale    ids skipped because the store already held a newer version
 * @param rejected ids the store refused one by one (the document itself cannot be indexed), with the reason;
 *                 the rest of the batch is written regardless
 */
public record UpsertResult(List<String> written, List<String> stale, Map<String, String> rejected) {

    public static final UpsertResult EMPTY = new UpsertResult(List.of(), List.of(), Map.of());
}
