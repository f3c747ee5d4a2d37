package io.contexthub.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values a customer record can be linked by, each written {@code <kind>:<value>}:
 * <ul>
 *   <li>{@code email:} every e-mail address, trimmed and lower-cased;</li>
 *   <li>{@code email-domain:} the domain of each address, unless it is a free-mail domain;</li>
 *   <li>{@code org-domain:} an organisation's own web domain ({@code company.domain} of a record of kind
 *       organization), unless free-mail;</li>
 *   <li>{@code id:} the record's canonical id, which others may name;</li>
 *   <li>{@code xref:} a canonical id of another source named by a configured attribute (Stripe metadata naming
 *       a CRM record);</li>
 *   <li>{@code account:} the organisation a person belongs to in the same source ({@code company.sourceId}, a
 *       Salesforce contact's account).</li>
 * </ul>
 * A record deleted at its source has no keys: it links nothing any more, and records naming it no longer link to
 * it. Names never link.
 */
public final class IdentityKeys {

    public static final String EMAIL = "email";
    public static final String EMAIL_DOMAIN = "email-domain";
    public static final String ORG_DOMAIN = "org-domain";
    public static final String ID = "id";
    public static final String XREF = "xref";
    public static final String ACCOUNT = "account";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> crossReferences;
    private final Set<String> freeMail;

    public IdentityKeys(IdentityProperties properties) {
        this.crossReferences = properties.crossReferences();
        this.freeMail = new HashSet<>(shippedFreeMailDomains());
        properties.freeMailDomains().forEach(d -> freeMail.add(d.trim().toLowerCase(Locale.ROOT)));
    }

    /** The keys of a stored customer record (its canonical JSON). */
    public Set<String> ofStored(String json) {
        try {
            return of(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("stored customer record is not JSON", e);
        }
    }

    public Set<String> of(JsonNode customer) {
        Set<String> keys = new TreeSet<>();
        if (customer.path("deleted").asBoolean(false)) {
            return keys;
        }
        String id = customer.path("id").asText();
        keys.add(ID + ":" + id);
        for (JsonNode address : customer.path("emails")) {
            String email = address.asText("").trim().toLowerCase(Locale.ROOT);
            int at = email.lastIndexOf('@');
            if (at > 0 && at < email.length() - 1) {
                keys.add(EMAIL + ":" + email);
                domainKey(EMAIL_DOMAIN, email.substring(at + 1), keys);
            }
        }
        JsonNode company = customer.path("company");
        if ("organization".equals(customer.path("kind").asText())) {
            domainKey(ORG_DOMAIN, company.path("domain").asText(""), keys);
        }
        String accountId = company.path("sourceId").asText("");
        if (!accountId.isEmpty() && !accountId.equals(customer.path("sourceId").asText())) {
            keys.add(ACCOUNT + ":customer:" + customer.path("source").asText() + ":" + accountId);
        }
        crossReferences.forEach((attribute, target) -> {
            JsonNode value = customer.path("attributes").path(attribute);
            if (value.isValueNode() && !value.asText().isBlank()) {
                String named = target.replace("{value}", value.asText().trim());
                if (!named.equals(id)) {
                    keys.add(XREF + ":" + named);
                }
            }
        });
        return keys;
    }

    public boolean freeMail(String domain) {
        return freeMail.contains(domain);
    }

    private void domainKey(String kind, String raw, Set<String> keys) {
        String domain = raw.trim().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        if (domain.contains(".") && !freeMail.contains(domain)) {
            keys.add(kind + ":" + domain);
        }
    }

    static Set<String> shippedFreeMailDomains() {
        try (InputStream in = IdentityKeys.class.getResourceAsStream("/identity/free-mail-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/free-mail-domains.txt is missing from the classpath");
            }
            Set<String> domains = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String domain = line.replaceFirst("#.*", "").trim().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty()) {
                    domains.add(domain);
                }
            }
            return domains;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kind of a key ({@code email}, {@code org-domain}, ...). */
    static String kind(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    /** The value of a key (the address, the domain, the canonical id). */
    static String value(String key) {
        return key.substring(key.indexOf(':') + 1);
    }
}
