package io.contexthub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page: every source with its endpoint, last delivery and dead letters, documents per kind, and every
 * sync stream with its state and lag. The tables refresh themselves (htmx) every {@code hub.console.refresh}.
 */
@Controller
public class OverviewPage {

    private final HubApi api;

    public OverviewPage(HubApi api) {
        this.api = api;
    }

    @GetMapping("/console")
    public String page(Model model) {
        tables(model);
        return "console/overview";
    }

    @GetMapping("/console/overview/tables")
    public String tables(Model model) {
        HubApi.Reply sources = api.get("/api/sources");
        HubApi.Reply connectors = api.get("/api/connectors");
        model.addAttribute("sources", sources.get("sources"));
        model.addAttribute("documents", sources.get("documents"));
        model.addAttribute("connectors", connectors.get("connectors"));
        model.addAttribute("problems", Problems.of(sources, connectors));
        return "console/overview :: tables";
    }
}
