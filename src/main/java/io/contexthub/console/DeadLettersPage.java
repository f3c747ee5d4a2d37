package io.contexthub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Dead letters: a list filtered by source, stage, cause and time; one letter with its envelope and cause; a redrive
 * of one, or of every letter the filter matches; a purge of them after a confirmation page that names the count
 * (the API refuses the purge if the count changed meanwhile).
 */
@Controller
public class DeadLettersPage {

    /** The most letters the list shows, and the most a purge from the console takes on. */
    static final int SHOWN = 500;

    private final HubApi api;
    private final ObjectMapper mapper;

    public DeadLettersPage(HubApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /**
     * The filter as the form sends it; times from a {@code datetime-local} field are UTC.
     *
     * @param source the envelope's source
     * @param stage  the failed stage
     * @param cause  text in the cause
     * @param since  failed at or after
     * @param until  failed before
     */
    public record Filter(String source, String stage, String cause, String since, String until) {

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("source", source);
            query.put("stage", stage);
            query.put("cause", cause);
            query.put("since", utc(since));
            query.put("until", utc(until));
            return query;
        }

        boolean empty() {
            return query().values().stream().allMatch(value -> value == null || value.isBlank());
        }

        String link() {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console/dead-letters");
            query().forEach((name, value) -> {
                if (value != null && !value.isBlank()) {
                    uri.queryParam(name, value);
                }
            });
            return uri.encode().build().toUriString();
        }

        private static String utc(String time) {
            if (time == null || time.isBlank()) {
                return null;
            }
            String t = time.trim();
            return t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}") ? t + ":00Z"
                    : t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}") ? t + "Z" : t;
        }
    }

    @GetMapping("/console/dead-letters")
    public String list(@ModelAttribute("filter") Filter filter, Model model) {
        Map<String, String> query = filter.query();
        query.put("limit", String.valueOf(SHOWN));
        HubApi.Reply letters = api.get("/api/dead-letters", query);
        model.addAttribute("letters", letters.get("deadLetters"));
        model.addAttribute("shown", SHOWN);
        model.addAttribute("problems", Problems.of(letters));
        return "console/dead-letters";
    }

    @GetMapping("/console/dead-letters/{id}")
    public String letter(@PathVariable String id, Model model) {
        HubApi.Reply letter = api.get("/api/dead-letters/" + Paths.segment(id));
        model.addAttribute("letter", letter.all());
        model.addAttribute("id", id);
        model.addAttribute("problems", Problems.of(letter));
        return "console/dead-letter";
    }

    @PostMapping("/console/dead-letters/{id}/redrive")
    public String redriveOne(@PathVariable String id, RedirectAttributes flash) {
        HubApi.Reply redriven = api.post("/api/dead-letters/" + Paths.segment(id) + "/redrive", null);
        flash.addFlashAttribute(redriven.ok() ? "notice" : "problem", redriven.ok()
                ? "Dead letter " + id + " staged again." : redriven.problem());
        return "redirect:/console/dead-letters";
    }

    @PostMapping("/console/dead-letters/redrive")
    public String redrive(@ModelAttribute Filter filter, RedirectAttributes flash) {
        HubApi.Reply redriven = api.post("/api/dead-letters/redrive", body(filter));
        if (redriven.ok()) {
            int skipped = redriven.body().path("skipped").size();
            flash.addFlashAttribute("notice", "Redrove " + redriven.body().path("redriven").asInt()
                    + " dead letters" + (skipped > 0 ? "; " + skipped + " without a readable envelope were left" : "")
                    + ".");
        } else {
            flash.addFlashAttribute("problem", redriven.problem());
        }
        return "redirect:" + filter.link();
    }

    /** The confirmation page: what the filter matches now, and the button that purges exactly that many. */
    @GetMapping("/console/dead-letters/purge")
    public String confirmPurge(@ModelAttribute("filter") Filter filter, Model model) {
        Map<String, String> query = filter.query();
        query.put("limit", String.valueOf(SHOWN));
        HubApi.Reply letters = api.get("/api/dead-letters", query);
        model.addAttribute("count", letters.body().path("deadLetters").size());
        model.addAttribute("tooMany", letters.body().path("deadLetters").size() >= SHOWN);
        model.addAttribute("problems", Problems.of(letters));
        return "console/purge";
    }

    @PostMapping("/console/dead-letters/purge")
    public String purge(@ModelAttribute Filter filter, @RequestParam int expected, RedirectAttributes flash) {
        ObjectNode body = body(filter).put("expected", expected);
        HubApi.Reply purged = api.post("/api/dead-letters/purge", body);
        flash.addFlashAttribute(purged.ok() ? "notice" : "problem", purged.ok()
                ? "Purged " + purged.body().path("purged").asInt() + " dead letters." : purged.problem());
        return "redirect:" + filter.link();
    }

    private ObjectNode body(Filter filter) {
        ObjectNode body = mapper.createObjectNode();
        filter.query().forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                body.put(name, value);
            }
        });
        if (filter.empty()) {
            body.put("all", true); // the button said "every dead letter"
        }
        return body;
    }
}
