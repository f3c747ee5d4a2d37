package io.contexthub.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.PathIds;
import io.contexthub.platform.RequestRejectedException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/profiles/{id}}: the records linked to a customer and why; {@code GET|DELETE
 * /api/identity-links/{linkId}}: one link, and an operator's removal of a wrong one (it stays removed);
 * {@code POST /api/identity/rebuild}: link every stored customer record again.
 */
@Component("identityApi")
public class IdentityApi {

    private static final Logger log = LoggerFactory.getLogger(IdentityApi.class);

    private final Profiles profiles;
    private final IdentityGraph graph;
    private final IdentityRebuild rebuild;
    private final ObjectMapper mapper;

    public IdentityApi(Profiles profiles, IdentityGraph graph, IdentityRebuild rebuild, ObjectMapper mapper) {
        this.profiles = profiles;
        this.graph = graph;
        this.rebuild = rebuild;
        this.mapper = mapper;
    }

    /** {@code POST /api/identity/rebuild}: links every stored customer record again; answers when done. */
    public void rebuild(Exchange exchange) {
        long start = System.nanoTime();
        long records = rebuild.run();
        log.info("identity links rebuilt for {} customer records", records);
        HttpReplies.json(exchange, 200, mapper.createObjectNode().put("records", records)
                .put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0));
    }

    public void profile(Exchange exchange, @Header("id") String segment) {
        String id = PathIds.decode(segment);
        Profile profile = profiles.find(id).orElseThrow(() -> RequestRejectedException.notFound("unknown_customer",
                "no customer record is identified by " + id));
        HttpReplies.json(exchange, 200, describe(profile));
    }

    public void link(Exchange exchange, @Header("linkId") String linkId) {
        HttpReplies.json(exchange, 200, describe(graph.link(linkId).orElseThrow(() -> unknown(linkId))));
    }

    public void remove(Exchange exchange, @Header("linkId") String linkId, @Header("reason") String reason) {
        String why = reason == null || reason.isBlank() ? "removed by an operator" : reason.strip();
        if (why.length() > 500) {
            throw RequestRejectedException.badRequest("invalid_reason", "reason is longer than 500 characters");
        }
        IdentityLink link = graph.remove(linkId, why).orElseThrow(() -> unknown(linkId));
        log.info("identity link {} ({}) removed by an operator", link.id(), link.rule());
        HttpReplies.json(exchange, 200, describe(link));
    }

    public ObjectNode describe(Profile profile) {
        ObjectNode body = mapper.createObjectNode().put("profile", profile.id());
        profile.members().forEach(body.putArray("members")::add);
        links(body.putArray("links"), profile.links());
        links(body.putArray("inactiveLinks"), profile.inactive());
        return body.put("truncated", profile.truncated());
    }

    private void links(ArrayNode array, List<IdentityLink> links) {
        links.forEach(link -> array.add(describe(link)));
    }

    public ObjectNode describe(IdentityLink link) {
        ObjectNode node = mapper.createObjectNode().put("id", link.id()).put("rule", link.rule())
                .put("value", link.value());
        link.members().forEach(node.putArray("members")::add);
        node.put("createdAt", link.createdAt().toString()).put("state", link.state());
        if (link.changedAt() != null) {
            node.put("changedAt", link.changedAt().toString()).put("changedBy", link.changedBy())
                    .put("reason", link.reason());
        }
        return node;
    }

    private static RequestRejectedException unknown(String linkId) {
        return RequestRejectedException.notFound("unknown_link", "no identity link " + linkId);
    }
}
