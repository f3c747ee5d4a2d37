package io.contexthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.embedding.EmbeddingText;
import io.contexthub.mapping.CanonicalSchemas;
import io.contexthub.mapping.MappingRunner;
import io.contexthub.pipeline.DryRun;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import io.contexthub.staging.Envelope;
import io.contexthub.staging.EnvelopeCodec;
import io.contexthub.tenant.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hub dry-run <source> <payload.json>}: the payload through the mappings, schemas and embedding templates,
 * printed as JSON; nothing is staged and no hub needs to run. Exit 0 when it would be stored, 1 when it would be a
 * dead letter.
 */
@Command(name = "dry-run", description = {
    "Maps a payload as the hub would (mappings, schema validation, embedding text) and prints the documents;",
    "nothing is sent anywhere. Exit 0 when it would be stored, 1 when it would be a dead letter."})
final class DryRunCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the source (frontapp, hubspot, stripe, a Standard Webhooks sender)")
    String source;

    @Parameters(index = "1", description = "a file with the payload, as the provider sends it")
    Path payload;

    @Option(names = "--stream", description = "the stream (the mapping files' prefix); default: the stream the "
            + "source's webhooks arrive on (its descriptor's webhooks.stream)")
    String stream;

    @Option(names = "--type", description = "the event type, when the payload does not carry one in \"type\"")
    String type;

    @Option(names = "--assets", description = "the assets directory; default: the current directory if it holds "
            + "routes/, mappings/, canonical-model/ and connectors/, else the ones packaged in the jar")
    Path assets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Assets read = new Assets(new HubProperties(Path.of(System.getProperty("java.io.tmpdir")), directory(),
                HubProperties.Staging.spool, HubProperties.Store.lucene));
        JsonNode body = AssetsValidation.JSON.readTree(payload.toFile());
        String streamName = stream != null ? stream : defaultStream(read);
        String typeName = type != null ? type : body.path("type").asText("dry-run");
        Envelope envelope = new EnvelopeCodec(AssetsValidation.JSON, Clock.systemUTC()).create(Tenants.DEFAULT, source,
                streamName, typeName, "dry-run", false, body);
        DryRun dryRun = new DryRun(new MappingRunner(read, AssetsValidation.JSON), new CanonicalSchemas(read),
                new EmbeddingText(read, AssetsValidation.JSON));
        DryRun.Result result = dryRun.run(envelope);
        spec.commandLine().getOut().println(HubConnection.pretty(DryRun.report(envelope, result,
                AssetsValidation.JSON)));
        return result.wouldStore() ? 0 : 1;
    }

    private Path directory() {
        if (assets != null) {
            return assets;
        }
        Path here = Path.of("").toAbsolutePath();
        for (String folder : new String[] {"routes", "mappings", "canonical-model", "connectors"}) {
            if (!Files.isDirectory(here.resolve(folder))) {
                return null;
            }
        }
        return here;
    }

    private String defaultStream(Assets read) throws IOException {
        var descriptor = read.resource("connectors/" + source + "/connector.yaml");
        if (descriptor.exists()) {
            try (var in = descriptor.getInputStream()) {
                String webhookStream = AssetsValidation.YAML.readTree(in).path("webhooks").path("stream").asText("");
                if (!webhookStream.isEmpty()) {
                    return webhookStream;
                }
            }
        }
        TreeSet<String> streams = new TreeSet<>();
        read.list("mappings/" + source + "/*-to-*.jsonata").forEach(file -> streams.add(
                String.valueOf(file.getFilename()).split("-to-")[0]));
        if (streams.size() == 1) {
            return streams.first();
        }
        throw new IllegalArgumentException("name the stream with --stream" + (streams.isEmpty()
                ? " (mappings/" + source + "/ has no mappings)" : ": " + source + " has " + streams));
    }
}
