package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's deal pipelines ({@code GET /crm/v3/pipelines/deals}), kept in memory: deals name their pipeline and
 * stage by internal id ({@code default}, {@code contractsent}, numbers for custom stages), and only the pipelines
 * say what a stage is called, where it sits, whether it closes the deal and with what probability. Stage metadata
 * comes as strings ({@code "isClosed": "true"}, {@code "probability": "0.9"}).
 */
final class HubSpotPipelines {

    private final Map<String, ObjectNode> stages = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> pipelines = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** Replaces what is known with an answer of the pipelines endpoint. */
    void read(JsonNode body) {
        for (JsonNode pipeline : body.path("results")) {
            String pipelineId = pipeline.path("id").asText();
            ObjectNode summary = JsonNodeFactory.instance.objectNode().put("id", pipelineId)
                    .put("label", pipeline.path("label").asText(pipelineId));
            pipelines.put(pipelineId, summary);
            for (JsonNode stage : pipeline.path("stages")) {
                ObjectNode known = summary.objectNode();
                known.put("label", stage.path("label").asText(stage.path("id").asText()));
                known.put("pipeline", pipelineId);
                known.put("order", stage.path("displayOrder").asInt(0));
                known.put("closed", "true".equalsIgnoreCase(stage.path("metadata").path("isClosed").asText()));
                String probability = stage.path("metadata").path("probability").asText("");
                if (probability.matches("\\d+(\\.\\d+)?")) {
                    known.put("probability", Double.parseDouble(probability));
                }
                stages.put(stage.path("id").asText(), known);
            }
        }
        loaded = true;
    }

    /** Whether this process has read the pipelines at all (a restarted hub has not). */
    boolean loaded() {
        return loaded;
    }

    boolean knows(Set<String> stageIds) {
        return stages.keySet().containsAll(stageIds);
    }

    /**
     * What the mapping needs to know about a deal's pipeline and the stages it has been in: {@code {"pipeline":
     * {"id", "label"}, "stages": {"<id>": {"label", "pipeline", "order", "closed", "probability"}}}}; a stage the
     * pipelines do not list (deleted since) is left out, and the mapping falls back to its id.
     */
    ObjectNode resolve(String pipelineId, Set<String> stageIds, ObjectNode into) {
        ObjectNode pipeline = pipelines.get(pipelineId);
        if (pipeline != null) {
            into.set("pipeline", pipeline.deepCopy());
        }
        ObjectNode known = into.putObject("stages");
        stageIds.stream().filter(stages::containsKey).forEach(id -> known.set(id, stages.get(id).deepCopy()));
        return into;
    }
}
