package io.contexthub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.canonical.Entity;
import io.contexthub.platform.Assets;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.staging.Envelope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>With {@code hub.assets-dir}, an edited, added or removed mapping file takes effect for the next envelope once
 * {@link #RECHECK} has passed since its directory was last looked at (files' names, sizes and modification times):
 * an integrator fixes a mapping and redrives its dead letters without restarting the hub. A mapping that no longer
 * compiles dead-letters the envelopes it should map, naming the file and the error. The packaged assets never
 * change, so they are read once.
 */
@Component
public class MappingRunner {

    static final String SUFFIX = ".jsonata";

    private final Assets assets;
    private final ObjectMapper mapper;
    /** How long a directory's mappings are used before the files are looked at again. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final Map<String, Loaded> mappings = new ConcurrentHashMap<>();
    private final Clock clock;

    record Mapping(String entity, JsonataExpression expression) {
    }

    /** The mappings of one directory and stream, the files they came from, and when those were last looked at. */
    private record Loaded(List<Mapping> mappings, String files, Instant checkedAt) {
    }

    private final List<MappingDirectoryResolver> directories;

    public MappingRunner(Assets assets, ObjectMapper mapper) {
        this(assets, mapper, List.of(), Clock.systemUTC());
    }

    @Autowired
    public MappingRunner(Assets assets, ObjectMapper mapper, List<MappingDirectoryResolver> directories,
                         Clock clock) {
        this.assets = assets;
        this.mapper = mapper;
        this.directories = List.copyOf(directories);
        this.clock = clock;
    }

    public List<CanonicalDocument> map(Envelope envelope) {
        String directory = directories.stream().map(d -> d.directory(envelope.source()))
                .flatMap(Optional::stream).findFirst().orElse(envelope.source());
        List<Mapping> selected = current(directory, envelope.stream());
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

    /**
     * Compiles one mapping file and checks its name ({@code <stream>-to-<entity>.jsonata}, a known entity).
     *
     * @throws IllegalStateException saying what is wrong
     */
    public void check(String mappingPath) {
        compile(mappingPath);
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
        if (envelope.correlationId() != null) {
            provenance.put("correlationId", envelope.correlationId());
        }
        return new CanonicalDocument(mapping.entity(), id, name, document);
    }

    private List<Mapping> current(String directory, String stream) {
        String key = directory + "/" + stream;
        Loaded loaded = mappings.get(key);
        if (loaded != null && (!assets.editable() || clock.instant().isBefore(loaded.checkedAt().plus(RECHECK)))) {
            return loaded.mappings();
        }
        List<Resource> files = assets.list("mappings/" + directory + "/" + stream + "-to-*" + SUFFIX);
        String fingerprint = fingerprint(files);
        if (loaded != null && loaded.files().equals(fingerprint)) {
            mappings.put(key, new Loaded(loaded.mappings(), fingerprint, clock.instant()));
            return loaded.mappings();
        }
        List<Mapping> compiled = new ArrayList<>();
        for (Resource resource : files) {
            String path = "mappings/" + directory + "/" + resource.getFilename();
            try {
                compiled.add(compile(path));
            } catch (IllegalStateException e) {
                if (loaded == null && !assets.editable()) {
                    throw e;
                }
                // an edit that broke the file: the envelope cannot be mapped until it is fixed
                throw new PermanentFailureException(e.getMessage());
            }
        }
        mappings.put(key, new Loaded(List.copyOf(compiled), fingerprint, clock.instant()));
        return compiled;
    }

    private static String fingerprint(List<Resource> files) {
        StringBuilder fingerprint = new StringBuilder();
        for (Resource file : files) {
            try {
                fingerprint.append(file.getFilename()).append(':').append(file.contentLength()).append(':')
                        .append(file.lastModified()).append(';');
            } catch (IOException e) {
                fingerprint.append(file.getFilename()).append(":unreadable;");
            }
        }
        return fingerprint.toString();
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
