package io.contexthub.platform;

import java.util.Locale;

/**
 * Where in the flow an exchange is, as the routes set it ({@link HubHeaders#STAGE}) and as dead letters and
 * metrics report it. The route files write the lower-case {@link #text()}; RouteLintTest checks they write no
 * other.
 */
public enum Stage {
    /** writing the envelope to the bus (webhooks and sync pages) */
    STAGING,
    /** a sync call to a source's API */
    FETCH,
    /** running the mappings */
    MAP,
    /** checking documents against the canonical schemas */
    VALIDATE,
    /** rendering the embedding text */
    RENDER,
    /** embedding and writing a batch to the context store */
    PUBLISH,
    /** linking the batch's customer records into the identity graph */
    LINK;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
