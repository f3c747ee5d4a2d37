package io.contexthub.platform;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * An id taken from a path segment. Ids hold characters a client may percent-encode — a slash
 * ({@code customer:hubspot:contacts/60311}, sent as {@code %2F}), the colons of every canonical id, the {@code @} of an
 * e-mail address (encoded by most HTTP libraries that build a path from a variable). The route's path parameter is
 * the segment as it was sent, so it is decoded here, once; {@code +} stays a plus, as in any path.
 */
public final class PathIds {

    private PathIds() {
    }

    public static String decode(String segment) {
        if (segment == null) {
            return null;
        }
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RequestRejectedException.badRequest("invalid_path", "the path segment '" + segment
                    + "' is not validly percent-encoded");
        }
    }
}
