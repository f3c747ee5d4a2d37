package io.contexthub.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a listing (newest first: {@link FilterFields#time} descending, then id descending) stopped: an opaque
 * token to the client, the sort values of the last hit to the store.
 */
public record ListCursor(long time, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((time + ":" + id)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; IllegalArgumentException when it is not one this hub made. */
    public static ListCursor decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this hub returned");
        }
        int colon = text.indexOf(':');
        try {
            return new ListCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the cursor is not one this hub returned");
        }
    }
}
