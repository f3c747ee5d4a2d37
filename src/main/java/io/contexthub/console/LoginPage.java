package io.contexthub.console;

import io.contexthub.access.Grant;
import io.contexthub.access.TokenAuthenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Logging in with a token the API accepts. A failed login says only that the token was not accepted (and why,
 * once the token proved to be a real but expired or revoked key, as the API does).
 */
@Controller
public class LoginPage {

    private final TokenAuthenticator tokens;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    public LoginPage(TokenAuthenticator tokens) {
        this.tokens = tokens;
    }

    @GetMapping(ConsoleSecurity.LOGIN)
    public String form() {
        return "console/login";
    }

    @PostMapping(ConsoleSecurity.LOGIN)
    public String login(@RequestParam(name = "token", defaultValue = "") String token, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        Grant grant;
        try {
            grant = tokens.authenticate(token.trim());
        } catch (AuthenticationException e) {
            response.setStatus(TokenAuthenticator.unavailable(e) ? 503 : 401);
            model.addAttribute("error", token.isBlank() ? "Paste an API key or the bootstrap token."
                    : "That token was not accepted: " + e.getMessage() + ".");
            return "console/login";
        }
        // a new session id at login: a session id planted before it is worth nothing afterwards
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ConsoleAuthentication(grant, token.trim()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return "redirect:/console";
    }
}
