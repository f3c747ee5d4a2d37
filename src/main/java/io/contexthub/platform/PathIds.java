package io.contexthub.platform;

/**
 * An id taken from a path segment. Ids may hold a slash ({@code customer:hubspot:contacts/60311}), which a client
 * sends encoded as {@code %2F}; Tomcat passes it through undecoded (it never splits the segment), so it is decoded
 * here, once, for the segment that is an id.
 */
public final class PathIds {

    private PathIds() {
    }

    public static String decode(String segment) {
        return segment == null ? null : segment.replace("%2F", "/").replace("%2f", "/");
    }
}
