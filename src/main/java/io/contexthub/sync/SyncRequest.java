package io.contexthub.sync;

import java.util.Map;

/**
 * One API call of a sync: an absolute URL and what the stream needs to remember about why it is made.
 *
 * @param kind    what the response holds, in the stream's terms (conversations, messages, ...)
 * @param url     the absolute URL, exactly as the API gave it when it came from a "next" link
 * @param context values carried to the page's parser, e.g. the conversation a message page belongs to
 * @param method  GET, or POST for APIs whose queries are request bodies (GA4 runReport)
 * @param body    the JSON request body of a POST; null for GET
 */
public record SyncRequest(String kind, String url, Map<String, String> context, String method, String body) {

    public SyncRequest {
        context = context == null ? Map.of() : Map.copyOf(context);
        method = method == null ? "GET" : method;
    }

    public SyncRequest(String kind, String url, Map<String, String> context) {
        this(kind, url, context, "GET", null);
    }

    public SyncRequest(String kind, String url) {
        this(kind, url, Map.of());
    }
}
