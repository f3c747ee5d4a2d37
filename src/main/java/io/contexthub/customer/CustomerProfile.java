package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.identity.IdentityLink;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One customer as the hub knows it across sources: the linked customer records, and why.
 *
 * @param profile  the profile id (docs/identity.md)
 * @param members  the linked customer documents (canonical JSON), the one asked for first
 * @param links    the active links between them
 * @param inactive links that were retired or removed
 */
public record CustomerProfile(String profile, List<JsonNode> members, List<IdentityLink> links,
                              List<IdentityLink> inactive) {

    public Set<String> ids() {
        return members.stream().map(m -> m.path("id").asText()).collect(Collectors.toSet());
    }
}
