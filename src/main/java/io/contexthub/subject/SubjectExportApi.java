package io.contexthub.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.HttpReplies;
import io.contexthub.platform.PathIds;
import io.contexthub.platform.RequestRejectedException;
import io.contexthub.store.ContextStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/subjects/{identifier}/export}: an access request. Every document the hub keeps about the person
 * ({@link Subjects}), each with its provenance (which source, which stream, when it arrived, which mapping made
 * it), as one JSON document; documents their source marked deleted are included, deleted ones (tombstones) are
 * not there to export. 404 when the hub knows nothing about the identifier.
 */
@Component("subjectExportApi")
public class SubjectExportApi {

    private static final Logger log = LoggerFactory.getLogger(SubjectExportApi.class);

    private final Subjects subjects;
    private final ContextStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SubjectExportApi(Subjects subjects, ContextStore store, ObjectMapper mapper, Clock clock) {
        this.subjects = subjects;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void export(Exchange exchange, @Header("identifier") String segment) {
        String identifier = PathIds.decode(segment);
        if (identifier == null || identifier.isBlank() || identifier.length() > ErasuresApi.LONGEST_IDENTIFIER) {
            throw RequestRejectedException.badRequest("invalid_identifier", "an e-mail address, phone number, "
                    + "canonical or source id, or profile id is needed");
        }
        Subject subject = subjects.resolve(identifier);
        ObjectNode body = mapper.createObjectNode();
        body.put("exportedAt", clock.instant().toString());
        subject.customers().forEach(body.putArray("customerRecords")::add);
        ArrayNode documents = body.putArray("documents");
        Map<String, Integer> counts = new TreeMap<>();
        for (String document : subject.documents()) {
            String type = document.substring(0, document.indexOf('|'));
            store.get(type, document.substring(document.indexOf('|') + 1)).ifPresent(stored -> {
                documents.add(parse(stored.json()));
                counts.merge(type, 1, Integer::sum);
            });
        }
        if (documents.isEmpty()) {
            throw RequestRejectedException.notFound("unknown_subject", "the hub keeps nothing about this identifier");
        }
        body.set("counts", mapper.valueToTree(counts));
        log.info("subject export: {} documents", documents.size());
        HttpReplies.json(exchange, 200, body);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return mapper.createObjectNode().put("unreadable", true);
        }
    }
}
