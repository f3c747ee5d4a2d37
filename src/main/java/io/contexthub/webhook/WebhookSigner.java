package io.contexthub.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Signs a body the way a provider signs its webhooks, for {@code hub send}: an integrator tries an endpoint with the
 * secret the hub is configured with. Each provider's lives with its connector (a public class with a no-argument
 * constructor, found on the classpath: adding a source adds one, it edits no list); the hub's verifiers are tested
 * against independent implementations, so a signer that drifts is caught when it is sent to the hub.
 */
public interface WebhookSigner {

    /** Matches any sender name without a signer of its own (Standard Webhooks senders are named by their config). */
    String ANY = "*";

    /** The source it signs for ({@code frontapp}), or {@link #ANY}. */
    String source();

    /** The setting holding the secret the hub verifies with, for {@code source} ({@code hub.webhooks.stripe.secret}). */
    String secretSetting(String source);

    /**
     * The headers that make the request verify.
     *
     * @param secret  the secret (the first one, while the hub is configured with several)
     * @param body    the exact bytes that will be sent
     * @param now     the signing time
     * @param target  the full URL the request goes to (HubSpot signs it)
     * @param eventId an id for the delivery, for schemes that sign one (Standard Webhooks' {@code webhook-id})
     */
    Map<String, String> sign(String secret, byte[] body, Instant now, URI target, String eventId);

    /** The signer for a source: its own, or the one for {@link #ANY}. */
    static Optional<WebhookSigner> forSource(String source) {
        WebhookSigner any = null;
        for (WebhookSigner signer : all()) {
            if (signer.source().equals(source)) {
                return Optional.of(signer);
            }
            if (ANY.equals(signer.source())) {
                any = signer;
            }
        }
        return Optional.ofNullable(any);
    }

    /** Every signer the hub has, one of each class. */
    static List<WebhookSigner> all() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(WebhookSigner.class));
        List<WebhookSigner> signers = new ArrayList<>();
        for (BeanDefinition found : scanner.findCandidateComponents("io.contexthub")) {
            try {
                signers.add((WebhookSigner) Class.forName(found.getBeanClassName()).getDeclaredConstructor()
                        .newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("webhook signer " + found.getBeanClassName()
                        + " needs a public no-argument constructor", e);
            }
        }
        return signers;
    }
}
