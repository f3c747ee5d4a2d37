package io.contexthub.console;

import org.springframework.web.util.UriUtils;

/** Path segments of API calls built from what a person typed or clicked. */
final class Paths {

    private Paths() {
    }

    /** One path segment, every reserved character (a slash too) percent-encoded. */
    static String segment(String value) {
        return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
