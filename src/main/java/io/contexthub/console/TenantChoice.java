package io.contexthub.console;

import io.contexthub.access.Grant;
import io.contexthub.tenant.Tenants;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant a cross-tenant admin works in (the bootstrap token, admin keys made for every tenant), kept in the
 * session and sent to the API as {@code X-Hub-Tenant} — the API still decides, exactly as for a request sent with
 * that header. Anyone else works in their own key's tenant and is offered no choice.
 */
@Controller
public class TenantChoice {

    static final String ATTRIBUTE = TenantChoice.class.getName();

    private final Tenants tenants;

    public TenantChoice(Tenants tenants) {
        this.tenants = tenants;
    }

    /** The tenant chosen in this session, if one was. */
    static Optional<String> current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? Optional.empty()
                : Optional.ofNullable((String) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_SESSION));
    }

    @PostMapping("/console/tenant")
    public String choose(@RequestParam String tenant, @RequestHeader(name = "Referer", required = false) String back,
                         HttpSession session, RedirectAttributes flash) {
        Grant grant = HubApi.grant();
        if (!grant.crossTenant()) {
            flash.addFlashAttribute("problem", grant.name() + " works in tenant " + grant.tenant() + " only");
        } else if (!tenants.exists(tenant)) {
            flash.addFlashAttribute("problem", "no tenant '" + tenant + "' is configured");
        } else {
            session.setAttribute(ATTRIBUTE, tenant);
            flash.addFlashAttribute("notice", "Working in tenant " + tenant + ".");
        }
        return "redirect:/console";
    }
}
