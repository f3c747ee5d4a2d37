package io.contexthub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.canonical.Entity;
import io.contexthub.platform.Assets;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.staging.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Runs the declarative mappings of an envelope's source and stream: every
 * {@code mappings/<source>/<stream>-to-<entity>.jsonata}. A mapping sees the whole envelope and returns
 * nothing, one document or an array of them; the runner then adds what every canonical document carries the
 * same way (id, type, source, provenance) so mappings cannot get it wrong.
 */
@Component
public class MappingRunner {

    static final String SUFFIX = ".jsonata";

    private final Assets assets;
    private final ObjectMapper mapper;
    private final Map<String, List<Mapping>> mappings = new ConcurrentHashMap<>();

    record Mapping(String entity, JsonataExpression expression) {
    }

    private final List<MappingDirectoryResolver> directories;

    public MappingRunner(Assets assets, ObjectMapper mapper) {
        this(assets, mapper, List.of());
    }

    @Autowired
    public MappingRunner(Assets assets, ObjectMapper mapper, List<MappingDirectoryResolver> directories) {
        this.assets = assets;
        this.mapper = mapper;
        this.directories = List.copyOf(directories);
    }

    public List<CanonicalDocument> map(Envelope envelope) {
        String directory = directories.stream().map(d -> d.directory(envelope.source()))
                .flatMap(Optional::stream).findFirst().orElse(envelope.source());
        List<Mapping> selected = mappings.computeIfAbsent(directory + "/" + envelope.stream(),
                key -> load(directory, envelope.stream()));
        if (selected.isEmpty()) {
            throw new PermanentFailureException("no mapping for source " + envelope.source() + ", stream "
                    + envelope.stream() + " (expected mappings/" + directory + "/" + envelope.stream()
                    + "-to-<entity>.jsonata)");
        }
        List<CanonicalDocument> documents = new ArrayList<>();
        for (Mapping mapping : selected) {
            documents.addAll(run(mapping, envelope));
        }
        return documents;
    }

    /** Runs one mapping file, e.g. {@code mappings/frontapp/events-to-event.jsonata}; golden tests use it. */
    public List<CanonicalDocument> apply(String mappingPath, Envelope envelope) {
        return run(compile(mappingPath), envelope);
    }

    private List<CanonicalDocument> run(Mapping mapping, Envelope envelope) {
        JsonNode result = mapping.expression().evaluate(mapper.valueToTree(envelope));
        List<CanonicalDocument> documents = new ArrayList<>();
        if (result.isArray()) {
            result.forEach(item -> documents.add(complete(mapping, item, envelope)));
        } else if (!result.isMissingNode() && !result.isNull()) {
            documents.add(complete(mapping, result, envelope));
        }
        return documents;
    }

    private CanonicalDocument complete(Mapping mapping, JsonNode mapped, Envelope envelope) {
        String name = mapping.expression().name();
        if (!mapped.isObject()) {
            throw new PermanentFailureException("mapping " + name + " returned " + mapped.getNodeType()
                    + " where an object was expected");
        }
        String sourceId = mapped.path("sourceId").asText("");
        if (sourceId.isBlank()) {
            throw new PermanentFailureException("mapping " + name + " produced a " + mapping.entity()
                    + " without sourceId");
        }
        String id = mapping.entity() + ":" + envelope.source() + ":" + sourceId;
        ObjectNode document = mapper.createObjectNode();
        document.put("id", id);
        document.put("type", mapping.entity());
        document.put("source", envelope.source());
        mapped.fields().forEachRemaining(field -> {
            if (!document.has(field.getKey()) && !"provenance".equals(field.getKey())) {
                document.set(field.getKey(), field.getValue());
            }
        });
        ObjectNode provenance = document.putObject("provenance");
        provenance.put("connector", envelope.source());
        provenance.put("stream", envelope.stream());
        provenance.put("receivedAt", envelope.receivedAt().toString());
        provenance.put("signatureVerified", envelope.verified());
        provenance.put("envelopeId", envelope.id());
        provenance.put("idempotencyKey", envelope.idempotencyKey());
        provenance.put("mapping", name);
        return new CanonicalDocument(mapping.entity(), id, name, document);
    }

    private List<Mapping> load(String directory, String stream) {
        String prefix = stream + "-to-";
        List<Mapping> loaded = new ArrayList<>();
        for (Resource resource : assets.list("mappings/" + directory + "/" + prefix + "*" + SUFFIX)) {
            loaded.add(compile("mappings/" + directory + "/" + resource.getFilename()));
        }
        return List.copyOf(loaded);
    }

    private Mapping compile(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int to = file.indexOf("-to-");
        String entity = to < 0 || !file.endsWith(SUFFIX) ? ""
                : file.substring(to + "-to-".length(), file.length() - SUFFIX.length());
        if (!Entity.known(entity)) {
            throw new IllegalStateException("mapping " + path + " must be named <stream>-to-<entity>" + SUFFIX
                    + " with entity one of " + Entity.names());
        }
        return new Mapping(entity, JsonataExpression.compile(path, assets.read(path), mapper));
    }
}
