package io.contexthub.identity;

import java.util.List;

/**
 * A group of customer records linked to each other (the connected records, never a merged one).
 *
 * @param id        {@code profile:<source>:<sourceId>} of its founding record: the lower id of its oldest active
 *                  link, or the only record; stays the same as records join. Any record's profile id still finds
 *                  the group after groups join, through that record.
 * @param members   the customer ids, the ones asked for first
 * @param links     the active links between them
 * @param inactive  retired or removed links touching them, so a reader sees why records are no longer together
 * @param truncated true when the group reached {@code hub.identity.max-profile-members}
 */
public record Profile(String id, List<String> members, List<IdentityLink> links, List<IdentityLink> inactive,
                      boolean truncated) {

    public static final String PREFIX = "profile:";

    public static String idOf(String customerId) {
        return PREFIX + customerId.substring(customerId.indexOf(':') + 1);
    }

    public static String customerIdOf(String profileId) {
        return "customer:" + profileId.substring(PREFIX.length());
    }
}
