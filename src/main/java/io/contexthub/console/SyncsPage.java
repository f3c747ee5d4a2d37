package io.contexthub.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sync streams: state, progress of a running one, cursor and lag, the last error, and a button to run one now. */
@Controller
public class SyncsPage {

    private final HubApi api;

    public SyncsPage(HubApi api) {
        this.api = api;
    }

    @GetMapping("/console/syncs")
    public String page(Model model) {
        table(model);
        return "console/syncs";
    }

    @GetMapping("/console/syncs/table")
    public String table(Model model) {
        HubApi.Reply connectors = api.get("/api/connectors");
        model.addAttribute("connectors", connectors.get("connectors"));
        model.addAttribute("problems", Problems.of(connectors));
        return "console/syncs :: table";
    }

    /** One stream's finished runs: when, how long, pages, records, outcome and error. */
    @GetMapping("/console/syncs/{connector}/{stream}")
    public String history(@PathVariable String connector, @PathVariable String stream, Model model) {
        HubApi.Reply runs = api.get("/api/connectors/" + Paths.segment(connector) + "/streams/" + Paths.segment(stream)
                + "/runs", Map.of("limit", "100"));
        model.addAttribute("connector", connector);
        model.addAttribute("stream", stream);
        model.addAttribute("runs", runs.get("runs"));
        model.addAttribute("problems", Problems.of(runs));
        return "console/sync-runs";
    }

    @PostMapping("/console/syncs/{connector}/run")
    public String run(@PathVariable String connector, @RequestParam(defaultValue = "") String stream,
                      @RequestParam(defaultValue = "false") boolean full, RedirectAttributes flash) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("stream", stream);
        query.put("full", full ? "true" : null);
        HubApi.Reply started = api.post("/api/connectors/" + Paths.segment(connector) + "/sync"
                + HubApi.queryString(query), null);
        flash.addFlashAttribute(started.ok() ? "notice" : "problem", started.ok()
                ? "Started " + connector + (stream.isBlank() ? "" : "/" + stream) + (full ? " (full re-read)" : "")
                : started.problem());
        return "redirect:/console/syncs";
    }
}
