package io.contexthub.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The search playground: a query and filters, the hits with their scores, documents and provenance. */
@Controller
public class SearchPage {

    private final HubApi api;

    public SearchPage(HubApi api) {
        this.api = api;
    }

    /**
     * What the form sends.
     *
     * @param q        the query
     * @param type     customer, event, invoice, deal
     * @param source   a source
     * @param customer a customer id, e-mail, phone or provider id
     * @param k        how many hits
     */
    public record Query(String q, String type, String source, String customer, Integer k) {
    }

    @GetMapping("/console/search")
    public String search(@ModelAttribute("query") Query query, Model model) {
        boolean asked = query.q() != null && !query.q().isBlank() || query.customer() != null
                && !query.customer().isBlank();
        if (asked) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("q", query.q());
            parameters.put("type", query.type());
            parameters.put("source", query.source());
            parameters.put("customer", query.customer());
            parameters.put("k", String.valueOf(query.k() == null ? 10 : query.k()));
            HubApi.Reply hits = api.get("/api/context/search", parameters);
            model.addAttribute("hits", hits.get("hits"));
            model.addAttribute("problems", Problems.of(hits));
        }
        model.addAttribute("asked", asked);
        return "console/search";
    }
}
