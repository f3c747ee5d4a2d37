package io.contexthub.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.Hmac;
import io.contexthub.platform.HubProperties;
import io.contexthub.platform.LocalKeys;
import io.contexthub.store.Identifiers;
import io.contexthub.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who must not come back: the identifiers of erased people (e-mail addresses, phone numbers, canonical and source
 * ids), kept only as HMAC-SHA256 under {@code hub.privacy.suppression-key}, so the list cannot be read back into the
 * identifiers it stands for. A delivery is suppressed when any identifier in it — any string of its payload that
 * looks like one, normalised as search normalises identifiers — hashes to a listed value; a mapped document when
 * any identifier it carries does. Counted in {@code hub_privacy_suppressed_total{source,stage}}.
 */
@Component
public class Suppressions {

    /** E-mail addresses, phone numbers, and tokens with a digit, {@code _}, {@code :} or {@code /} (ids). */
    private static final Pattern CANDIDATE = Pattern.compile(".*[@0-9_:/].*");
    private static final int LONGEST = 200;
    private static final Logger log = LoggerFactory.getLogger(Suppressions.class);

    private final SuppressionList list;
    private final byte[] key;
    private final MeterRegistry meters;
    private final Tenants tenants;

    public Suppressions(SuppressionProperties properties, HubProperties hub, SuppressionList list,
                        MeterRegistry meters, Tenants tenants) {
        this.list = list;
        this.tenants = tenants;
        this.key = properties.suppressionKey() != null
                ? properties.suppressionKey().reveal().getBytes(StandardCharsets.UTF_8)
                : LocalKeys.readOrCreate(hub.dataDir().resolve("privacy").resolve("suppression.key"));
        this.meters = meters;
        if (hub.staging() == HubProperties.Staging.kafka && properties.suppressionKey() == null) {
            log.warn("hub.privacy.suppression-key is not set: this instance keys its suppressions with a key of its "
                    + "own; instances sharing the bus must share one key (docs/privacy.md)");
        }
    }

    /**
     * The keyed hash of an identifier, normalised first, for the current tenant: one list holds every tenant's
     * suppressions, and a person erased in one tenant is not suppressed in another (the default tenant hashes the
     * identifier alone, as a hub without tenants always did).
     */
    public String hash(String identifier) {
        String tenant = tenants.current();
        String normalised = Identifiers.normalise(identifier);
        String keyed = Tenants.DEFAULT.equals(tenant) ? normalised : tenant + "\n" + normalised;
        return Hmac.sha256Hex(key, keyed.getBytes(StandardCharsets.UTF_8));
    }

    /** Suppresses identifiers durably; returns how many were not suppressed before. */
    public int suppress(Collection<String> identifiers) {
        return list.add(identifiers.stream().filter(i -> i != null && !i.isBlank()).map(this::hash).toList());
    }

    public boolean isEmpty() {
        return list.size() == 0;
    }

    /** Whether any of these identifiers is suppressed. */
    public boolean anySuppressed(Collection<String> identifiers) {
        if (isEmpty()) {
            return false;
        }
        return list.containsAny(identifiers.stream().filter(i -> i != null && !i.isBlank()).map(this::hash).toList());
    }

    /** Whether the payload names a suppressed person anywhere (any string of it that looks like an identifier). */
    public boolean mentionsSuppressed(JsonNode payload) {
        if (isEmpty() || payload == null) {
            return false;
        }
        Set<String> candidates = new LinkedHashSet<>();
        collect(payload, candidates);
        return anySuppressed(candidates);
    }

    public void count(String source, String stage) {
        meters.counter("hub.privacy.suppressed", "source", source == null ? "unknown" : source, "stage", stage,
                "tenant", tenants.current()).increment();
    }

    private static void collect(JsonNode node, Set<String> candidates) {
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.length() >= 3 && text.length() <= LONGEST && CANDIDATE.matcher(text).matches()) {
                candidates.add(text);
                // "Jenny Rosen <jenny@example.com>" and similar: each token too
                if (text.contains(" ")) {
                    for (String token : text.split("[\\s<>,;\"']+")) {
                        if (token.length() >= 3 && CANDIDATE.matcher(token).matches()) {
                            candidates.add(token);
                        }
                    }
                }
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, candidates));
        }
    }
}
