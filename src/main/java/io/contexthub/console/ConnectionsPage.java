package io.contexthub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Connecting a source: OAuth sources through the provider's consent page (the flow's state and PKCE verifier wait in
 * this browser's session until the provider sends the browser back), key sources with a form whose key is sent once
 * and never shown again; and removing a connection.
 */
@Controller
public class ConnectionsPage {

    static final String CALLBACK = "/console/connections/callback";
    /** How long a consent started here may take before its callback is refused. */
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    static final String PENDING = ConnectionsPage.class.getName() + ".pending";

    private final HubApi api;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ConnectionsPage(HubApi api, ObjectMapper mapper, Clock clock) {
        this.api = api;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A consent under way: what the callback needs to finish it. */
    record Pending(String connector, String state, String redirectUri, String codeVerifier, Instant until) {
    }

    @GetMapping("/console/connections")
    public String page(Model model) {
        HubApi.Reply connections = api.get("/api/connections");
        model.addAttribute("connections", connections.get("connections"));
        model.addAttribute("unavailable", connections.get("unavailable"));
        model.addAttribute("redirectUri", redirectUri(connections));
        model.addAttribute("problems", Problems.of(connections));
        return "console/connections";
    }

    /**
     * Asks the API for the consent page and sends the browser there through a page of ours: the console's
     * Content-Security-Policy lets forms post only to the console, and a redirect answering a form is held to that.
     */
    @PostMapping("/console/connections/{connector}/connect")
    public String connect(@PathVariable String connector, HttpSession session, Model model, RedirectAttributes flash) {
        String redirectUri = redirectUri(api.get("/api/connections"));
        HubApi.Reply started = api.post("/api/connections/" + Paths.segment(connector) + "/authorize",
                mapper.createObjectNode().put("redirectUri", redirectUri));
        if (!started.ok()) {
            flash.addFlashAttribute("problem", started.problem());
            return "redirect:/console/connections";
        }
        JsonNode body = started.body();
        pending(session).put(body.path("state").asText(), new Pending(connector, body.path("state").asText(),
                redirectUri, body.path("codeVerifier").asText(null), clock.instant().plus(PENDING_FOR)));
        model.addAttribute("connector", connector);
        model.addAttribute("authorizationUrl", body.path("authorizationUrl").asText());
        return "console/connect";
    }

    /** Where the provider sends the browser back: the code is exchanged only for a state this session started. */
    @GetMapping(CALLBACK)
    public String callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
                           @RequestParam(required = false) String error,
                           @RequestParam(name = "error_description", required = false) String description,
                           HttpSession session, RedirectAttributes flash) {
        Pending pending = take(session, state, clock.instant());
        if (pending == null) {
            flash.addFlashAttribute("problem", "This answer from a provider does not belong to a connection started "
                    + "in this session in the last " + PENDING_FOR.toMinutes() + " minutes; start again with Connect.");
            return "redirect:/console/connections";
        }
        if (error != null || code == null || code.isBlank()) {
            flash.addFlashAttribute("problem", pending.connector() + " did not connect: "
                    + (error == null ? "no code in the answer" : error) + (description == null ? "" : " (" + description
                    + ")"));
            return "redirect:/console/connections";
        }
        ObjectNode exchange = mapper.createObjectNode().put("code", code).put("redirectUri", pending.redirectUri());
        if (pending.codeVerifier() != null) {
            exchange.put("codeVerifier", pending.codeVerifier());
        }
        HubApi.Reply connected = api.post("/api/connections/" + Paths.segment(pending.connector()) + "/token",
                exchange);
        flash.addFlashAttribute(connected.ok() ? "notice" : "problem", connected.ok()
                ? pending.connector() + " is connected" : connected.problem());
        return "redirect:/console/connections";
    }

    /** A key source's key, sent once to the API; the page never shows it again. */
    @PostMapping("/console/connections/{connector}/key")
    public String key(@PathVariable String connector, @RequestParam Map<String, String> form,
                      RedirectAttributes flash) {
        ObjectNode body = mapper.createObjectNode();
        form.forEach((field, value) -> {
            if (!"_csrf".equals(field) && value != null && !value.isBlank()) {
                body.put(field, value.trim());
            }
        });
        HubApi.Reply connected = api.put("/api/connections/" + Paths.segment(connector), body);
        flash.addFlashAttribute(connected.ok() ? "notice" : "problem", connected.ok()
                ? connector + " is connected" : connected.problem());
        return "redirect:/console/connections";
    }

    @PostMapping("/console/connections/{connector}/disconnect")
    public String disconnect(@PathVariable String connector, RedirectAttributes flash) {
        HubApi.Reply removed = api.delete("/api/connections/" + Paths.segment(connector));
        flash.addFlashAttribute(removed.ok() ? "notice" : "problem", removed.ok()
                ? connector + " uses the credentials in configuration again" : removed.problem());
        return "redirect:/console/connections";
    }

    /** The configured redirect URI ({@code hub.connections.redirect-uri}), else this console's own callback. */
    private static String redirectUri(HubApi.Reply connections) {
        return connections.body().path("redirectUri").asText(
                ServletUriComponentsBuilder.fromCurrentContextPath().path(CALLBACK).toUriString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session) {
        synchronized (session) {
            Object found = session.getAttribute(PENDING);
            if (found == null) {
                found = new ConcurrentHashMap<String, Pending>();
                session.setAttribute(PENDING, found);
            }
            return (Map<String, Pending>) found;
        }
    }

    /** The consent this state belongs to, once: compared in constant time, expired ones dropped. */
    private static Pending take(HttpSession session, String state, Instant now) {
        if (state == null) {
            return null;
        }
        Pending match = null;
        for (Iterator<Pending> all = pending(session).values().iterator(); all.hasNext(); ) {
            Pending candidate = all.next();
            boolean same = MessageDigest.isEqual(candidate.state().getBytes(StandardCharsets.UTF_8),
                    state.getBytes(StandardCharsets.UTF_8));
            if (same || candidate.until().isBefore(now)) {
                all.remove();
            }
            if (same && !candidate.until().isBefore(now)) {
                match = candidate;
            }
        }
        return match;
    }
}
