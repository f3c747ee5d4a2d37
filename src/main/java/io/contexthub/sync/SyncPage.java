package io.contexthub.sync;

import java.util.List;

/**
 * What one response of a sync yields.
 *
 * @param records   to stage, in order
 * @param followUps calls this response leads to, made next and before anything queued earlier (the messages of
 *                  each conversation, then the next page of conversations)
 * @param watermark the newest change seen in this response, in the stream's cursor format; null if none. The
 *                  latest watermark of a run becomes the stream's cursor when the run completes.
 * @param total     how many records the series of pages this response starts will bring, when the API says
 *                  (GA4 rowCount, Salesforce totalSize) — reported by the first page of a series only; the run
 *                  adds them up. Else null.
 */
public record SyncPage(List<SyncRecord> records, List<SyncRequest> followUps, String watermark, Long total) {

    public SyncPage {
        records = List.copyOf(records);
        followUps = List.copyOf(followUps);
    }
}
