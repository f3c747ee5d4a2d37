package io.contexthub.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.platform.RequestRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * What the HMAC schemes with configured secrets share (Front, Stripe, HubSpot): the source's name and secrets,
 * the timestamp window, the header checks, and "does any expected signature match any provided one", compared
 * in constant time for every secret, so timing tells nothing about which secret or how much matched.
 */
public abstract class SignedWebhookSource implements WebhookSource {

    protected final String name;
    protected final List<String> secrets;
    protected final TimestampWindow window;
    protected final ObjectMapper mapper;

    protected SignedWebhookSource(String name, List<String> secrets, WebhookProperties properties, Clock clock,
                                  ObjectMapper mapper) {
        this.name = name;
        this.secrets = List.copyOf(secrets);
        this.window = new TimestampWindow(clock, properties.tolerance());
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean configured() {
        return !secrets.isEmpty();
    }

    /** The header's value, or 401 missing_signature. */
    protected static String required(WebhookRequest request, String header, String detail) {
        return request.header(header).orElseThrow(() ->
                RequestRejectedException.unauthorized("missing_signature", detail));
    }

    /** A signed timestamp as a number, or 401 invalid_timestamp naming the header and the unit expected. */
    protected static long epoch(String value, String header, String unit) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw RequestRejectedException.unauthorized("invalid_timestamp", header + " must be epoch " + unit);
        }
    }

    /**
     * Whether any of the provided signatures equals the one computed with any configured secret.
     *
     * @param expected the signature a secret (as UTF-8 bytes) gives for this request
     */
    protected boolean anySecretMatches(Function<byte[], String> expected, Collection<String> provided) {
        return anySecretMatches(secrets, expected, provided);
    }

    /** As above, for a source with a second set of secrets (Front's rule webhooks). */
    protected static boolean anySecretMatches(List<String> secrets, Function<byte[], String> expected,
                                              Collection<String> provided) {
        boolean matched = false;
        for (String secret : secrets) {
            String signature = expected.apply(secret.getBytes(StandardCharsets.UTF_8));
            for (String candidate : provided) {
                matched |= Hmac.constantTimeEquals(signature, candidate);
            }
        }
        return matched;
    }
}
