package io.contexthub.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.access.Grants;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.JsonRequests;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.tenant.Tenants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/erasures} {@code {"identifier": "<e-mail, phone, canonical id, source id or profile id>"}}: 202
 * with the job; {@code GET /api/erasures/{id}}: what was found and removed where. The identifier is never echoed or
 * logged.
 */
@Component("erasuresApi")
public class ErasuresApi {

    static final int LONGEST_IDENTIFIER = 320;

    private final Erasures erasures;
    private final ErasureStore jobs;
    private final ObjectMapper mapper;
    private final Tenants tenants;

    public ErasuresApi(Erasures erasures, ErasureStore jobs, ObjectMapper mapper, Tenants tenants) {
        this.tenants = tenants;
        this.erasures = erasures;
        this.jobs = jobs;
        this.mapper = mapper;
    }

    public void request(Exchange exchange) {
        JsonNode body = JsonRequests.object(exchange, mapper);
        String identifier = body.path("identifier").asText("").trim();
        if (identifier.isEmpty() || identifier.length() > LONGEST_IDENTIFIER) {
            throw RequestRejectedException.badRequest("invalid_identifier", "identifier must be an e-mail address, "
                    + "phone number, canonical or source id, or profile id of at most " + LONGEST_IDENTIFIER
                    + " characters");
        }
        ErasureJob job = erasures.request(identifier, Grants.of(exchange).principal());
        HttpReplies.json(exchange, 202, mapper.valueToTree(Erasures.shown(job)));
    }

    public void get(Exchange exchange, @Header("id") String id) {
        // another tenant's erasure is, to this tenant, one that does not exist
        ErasureJob job = jobs.get(id).filter(j -> j.tenant().equals(tenants.current()))
                .orElseThrow(() -> RequestRejectedException.notFound("unknown_erasure", "no erasure " + id));
        HttpReplies.json(exchange, 200, mapper.valueToTree(Erasures.shown(job)));
    }
}
