package io.contexthub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The mapping dry-run: a pasted payload (with its source and stream) or a dead letter, through the mappings, the
 * schemas and the embedding templates, with nothing staged or stored — to check a mapping before or after changing
 * it, and to see why a dead letter failed and whether it would pass now.
 */
@Controller
public class DryRunPage {

    private final HubApi api;
    private final ObjectMapper mapper;

    public DryRunPage(HubApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /**
     * What the form sends.
     *
     * @param source     the source the payload would come from
     * @param stream     its stream (the mapping file prefix: {@code events-to-event.jsonata} is stream events)
     * @param type       the event type, when the payload does not say it in {@code type}
     * @param payload    the provider's JSON
     * @param deadLetter a dead letter's id instead of a payload
     */
    public record Input(String source, String stream, String type, String payload, String deadLetter) {
    }

    /** The form; with {@code ?deadLetter=} it runs that letter at once (a link from the letter's page). */
    @GetMapping("/console/dry-run")
    public String form(@ModelAttribute("input") Input input, Model model) {
        if (input.deadLetter() != null && !input.deadLetter().isBlank()) {
            ObjectNode body = mapper.createObjectNode().put("deadLetter", input.deadLetter().trim());
            show(api.post("/api/mappings/dry-run", body), model);
        }
        return "console/dry-run";
    }

    @PostMapping("/console/dry-run")
    public String run(@ModelAttribute("input") Input input, Model model) {
        ObjectNode body = mapper.createObjectNode();
        body.put("source", input.source());
        body.put("stream", input.stream());
        if (input.type() != null && !input.type().isBlank()) {
            body.put("type", input.type().trim());
        }
        try {
            body.set("payload", mapper.readTree(input.payload() == null ? "" : input.payload()));
        } catch (JsonProcessingException e) {
            model.addAttribute("problem", "The payload is not JSON: " + e.getOriginalMessage());
            return "console/dry-run";
        }
        show(api.post("/api/mappings/dry-run", body), model);
        return "console/dry-run";
    }

    private static void show(HubApi.Reply reply, Model model) {
        if (reply.ok()) {
            model.addAttribute("result", reply.all());
        } else {
            model.addAttribute("problems", Problems.of(reply));
        }
    }
}
