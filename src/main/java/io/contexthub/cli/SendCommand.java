package io.contexthub.cli;

import io.contexthub.platform.SecretReferences;
import io.contexthub.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hub send <source> <payload.json>}: posts the file to the hub's webhook endpoint, signed exactly as the
 * provider signs (Front, HubSpot v3, Stripe, Standard Webhooks) with the secret the hub is configured with.
 */
@Command(name = "send", description = {
    "Posts a payload to the hub's webhook endpoint for a source, signed as the provider signs it, with the secret",
    "from --secret or the hub's own setting in the environment (HUB_WEBHOOKS_<SOURCE>_SECRET;",
    "HUB_WEBHOOKS_SENDERS_<NAME>_SECRET for a Standard Webhooks sender). Exit 0 on a 2xx answer."})
final class SendCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "frontapp, hubspot, stripe, or a Standard Webhooks sender's name")
    String source;

    @Parameters(index = "1", description = "a file with the body to send, byte for byte")
    Path payload;

    @Option(names = "--secret", description = "the signing secret (default: from the environment, as the hub "
            + "reads it)")
    String secret;

    @Option(names = "--id", description = "the delivery id, for schemes that sign one (Standard Webhooks' "
            + "webhook-id); default: a new one")
    String id;

    @Option(names = "--url", defaultValue = "${env:HUB_URL:-http://localhost:8080}",
            description = "the hub's base URL (default: $HUB_URL or ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--tenant", description = "send to this tenant's endpoint (/webhooks/<tenant>/<source>)")
    String tenant;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WebhookSigner signer = WebhookSigner.forSource(source).orElseThrow(() -> new IllegalArgumentException(
                "the hub has no webhook scheme for " + source));
        byte[] body = Files.readAllBytes(payload);
        URI target = URI.create(url.toString().replaceAll("/+$", "") + "/webhooks/"
                + (tenant == null ? "" : tenant + "/") + source);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign(secret(signer), body, Instant.now(), target, id != null ? id : "msg_" + UUID.randomUUID())
                .forEach(request::header);
        HubConnection.Reply reply = new HubConnection().send(request.build());
        var out = spec.commandLine().getOut();
        out.println("HTTP " + reply.status());
        out.println(HubConnection.pretty(reply.body()));
        return reply.ok() ? 0 : 1;
    }

    private String secret(WebhookSigner signer) {
        String setting = signer.secretSetting(source);
        if (tenant != null) {
            setting = setting.replaceFirst("^hub\\.webhooks\\.", "hub.tenants." + tenant + ".webhooks.");
        }
        String variable = setting.replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
        String value = secret != null ? secret : System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no secret: pass --secret or set " + variable + " (" + setting + ")");
        }
        // the hub accepts several while a secret rotates; providers sign with the newest, listed first
        return SecretReferences.resolve(value.split(",")[0].trim());
    }
}
