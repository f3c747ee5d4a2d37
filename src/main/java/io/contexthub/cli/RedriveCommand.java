package io.contexthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub redrive --source … --stage … --since …}: every dead letter the filter matches staged again through
 * the running hub's API; {@code --list} shows them instead.
 */
@Command(name = "redrive", description = {
    "Stages again every dead letter a filter matches (POST /api/dead-letters/redrive on the running hub), or",
    "lists them with --list. A filter is required; --all means every dead letter."})
final class RedriveCommand extends ApiCommand {

    @Option(names = "--source", description = "only this source's letters")
    String source;

    @Option(names = "--stage", description = "only letters that failed at this stage (map, validate, render, publish)")
    String stage;

    @Option(names = "--cause", description = "only letters whose cause contains this text (any case)")
    String cause;

    @Option(names = "--since", description = "failed at or after (ISO-8601, 2026-12-01T10:00:00Z)")
    String since;

    @Option(names = "--until", description = "failed before (ISO-8601)")
    String until;

    @Option(names = "--all", description = "every dead letter, when no other filter is given")
    boolean all;

    @Option(names = "--list", description = "list the matching letters (at most 500) instead of redriving them")
    boolean list;

    @Override
    public Integer call() throws Exception {
        var out = out();
        Map<String, String> filter = new TreeMap<>();
        put(filter, "source", source);
        put(filter, "stage", stage);
        put(filter, "cause", cause);
        put(filter, "since", since);
        put(filter, "until", until);
        if (list) {
            StringJoiner query = new StringJoiner("&", "?limit=500&", "").setEmptyValue("?limit=500");
            filter.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
            HubConnection.Reply letters = hub.api("GET", "/api/dead-letters" + query, null);
            if (!letters.ok()) {
                return refused(letters);
            }
            for (JsonNode letter : letters.body().path("deadLetters")) {
                out.println(letter.path("id").asText() + "  " + letter.path("failedAt").asText() + "  "
                        + letter.path("source").asText() + "  " + letter.path("stage").asText() + "  "
                        + letter.path("cause").path("message").asText());
            }
            out.println(letters.body().path("deadLetters").size() + " dead letters match");
            return 0;
        }
        ObjectNode body = HubConnection.JSON.createObjectNode();
        filter.forEach(body::put);
        if (all) {
            body.put("all", true);
        }
        HubConnection.Reply redriven = hub.api("POST", "/api/dead-letters/redrive", body);
        if (!redriven.ok()) {
            return refused(redriven);
        }
        out.println("redriven: " + redriven.body().path("redriven").asInt());
        redriven.body().path("skipped").forEach(id -> out.println("skipped (no readable envelope): " + id.asText()));
        return 0;
    }

    private static void put(Map<String, String> filter, String name, String value) {
        if (value != null && !value.isBlank()) {
            filter.put(name, value);
        }
    }
}
