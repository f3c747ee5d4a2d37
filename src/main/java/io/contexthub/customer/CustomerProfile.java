package io.contexthub.customer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * One customer as the hub knows it across sources: the customer records that are linked, and why.
 *
 * @param members the linked customer documents (canonical JSON), the one asked for first
 * @param links   why each further member belongs: the rule and the value both records carry
 */
public record CustomerProfile(List<JsonNode> members, List<Link> links) {

    /**
     * @param rule  {@code same-email}: both records carry this e-mail address (normalised)
     * @param value the matched value
     * @param from  the member it was found from
     * @param to    the member it links
     */
    public record Link(String rule, String value, String from, String to) {
    }

    public Set<String> ids() {
        return members.stream().map(m -> m.path("id").asText()).collect(java.util.stream.Collectors.toSet());
    }
}
