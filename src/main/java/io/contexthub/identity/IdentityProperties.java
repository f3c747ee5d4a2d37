package io.contexthub.identity;

import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity links between customer records of different sources ({@code hub.identity.*}); see docs/identity.md.
 *
 * @param crossReferences   customer attributes that name a record of another source, attribute name to the
 *                          canonical id it names, {@code {value}} standing for the attribute's value (e.g.
 *                          {@code metadata.hubspot_company_id: customer:hubspot:companies/{value}})
 * @param freeMailDomains   e-mail domains shared by unrelated people, added to the shipped list
 *                          ({@code identity/free-mail-domains.txt}); no company is linked by them
 * @param maxMembersPerKey  records one value may link (an e-mail, a domain); past it the value is too common to
 *                          say anything (a shared mailbox, a reseller's domain) and links no more records
 * @param maxProfileMembers records one profile gathers at most, so a runaway chain of links stays bounded
 */
@Validated
@ConfigurationProperties("hub.identity")
public record IdentityProperties(
        Map<String, String> crossReferences,
        List<String> freeMailDomains,
        @Min(2) @DefaultValue("500") int maxMembersPerKey,
        @Min(1) @DefaultValue("200") int maxProfileMembers) {

    public IdentityProperties {
        crossReferences = crossReferences == null ? Map.of() : Map.copyOf(crossReferences);
        freeMailDomains = freeMailDomains == null ? List.of() : List.copyOf(freeMailDomains);
        crossReferences.forEach((attribute, target) -> {
            if (!target.startsWith("customer:") || !target.contains("{value}")) {
                throw new IllegalArgumentException("hub.identity.cross-references." + attribute
                        + " must be a canonical customer id containing {value}, e.g. customer:hubspot:companies/{value}");
            }
        });
    }
}
