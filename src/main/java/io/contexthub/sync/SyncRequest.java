package io.contexthub.sync;

import java.util.Map;

/**
 * One API call of a sync: an absolute URL and what the stream needs to remember about why it is made.
 *
 * @param kind    what the response holds, in the stream's terms (conversations, messages, ...)
 * @param url     the absolute URL to GET, exactly as the API gave it when it came from a "next" link
 * @param context values carried to the page's parser, e.g. the conversation a message page belongs to
 */
public record SyncRequest(String kind, String url, Map<String, String> context) {

    public SyncRequest {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public SyncRequest(String kind, String url) {
        this(kind, url, Map.of());
    }
}
