package io.contexthub.console;

import io.contexthub.access.Grant;
import io.contexthub.tenant.Tenants;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: who is logged in, with which role, in which tenant, and the refresh period. */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
public class ConsolePages {

    private final ConsoleProperties properties;
    private final Tenants tenants;

    public ConsolePages(ConsoleProperties properties, Tenants tenants) {
        this.properties = properties;
        this.tenants = tenants;
    }

    @ModelAttribute
    void common(Model model) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication login) {
            Grant grant = login.getPrincipal();
            model.addAttribute("user", grant.name());
            model.addAttribute("role", grant.role().id());
            model.addAttribute("tenant", TenantChoice.current().orElse(grant.tenant()));
            if (grant.crossTenant() && !tenants.configured().isEmpty()) {
                List<String> choices = new ArrayList<>();
                choices.add(Tenants.DEFAULT);
                choices.addAll(tenants.configured());
                model.addAttribute("tenants", choices);
            }
        }
        model.addAttribute("refreshSeconds", Math.max(1, properties.refresh().toSeconds()));
    }
}
