package io.contexthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub keys list|create|rotate|revoke}: the running hub's API keys, through its API (an admin's token). */
@Command(name = "keys", description = "Lists, creates, rotates and revokes API keys on the running hub (admin).",
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.CreateKey.class, KeysCommand.RotateKey.class,
            KeysCommand.RevokeKey.class})
final class KeysCommand {

    @Command(name = "list", description = "every key: id, name, owner, role, scope, state, expiry")
    static final class ListKeys extends ApiCommand {

        @Override
        public Integer call() throws Exception {
            HubConnection.Reply keys = hub.api("GET", "/api/keys", null);
            if (!keys.ok()) {
                return refused(keys);
            }
            for (JsonNode key : keys.body().path("keys")) {
                out().println(key.path("id").asText() + "  " + key.path("state").asText() + "  "
                        + key.path("role").asText() + "  " + key.path("name").asText() + " (" + key.path("owner")
                        .asText() + ")  expires " + key.path("expiresAt").asText());
            }
            return 0;
        }
    }

    @Command(name = "create", description = "a new key; its token is printed once and kept nowhere")
    static final class CreateKey extends ApiCommand {
        @Option(names = "--name", required = true, description = "what the key is for")
        String name;
        @Option(names = "--owner", description = "who answers for it")
        String owner;
        @Option(names = "--role", required = true, description = "admin, operator, writer or reader")
        String role;
        @Option(names = "--expires", description = "when it stops working (ISO-8601); default: the hub's key lifetime")
        String expires;
        @Option(names = "--types", split = ",", description = "a reader's kinds of document (customer,event,…)")
        List<String> types;
        @Option(names = "--sources", split = ",", description = "a reader's sources (frontapp,stripe,…)")
        List<String> sources;
        @Option(names = "--key-tenant", description = "the tenant it belongs to; * for an admin of every tenant")
        String keyTenant;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = HubConnection.JSON.createObjectNode().put("name", name).put("role", role);
            if (owner != null) {
                body.put("owner", owner);
            }
            if (expires != null) {
                body.put("expiresAt", expires);
            }
            if (keyTenant != null) {
                body.put("tenant", keyTenant);
            }
            if (types != null || sources != null) {
                ObjectNode scope = body.putObject("scope");
                if (types != null) {
                    types.forEach(scope.putArray("types")::add);
                }
                if (sources != null) {
                    sources.forEach(scope.putArray("sources")::add);
                }
            }
            return print(hub.api("POST", "/api/keys", body));
        }
    }

    @Command(name = "rotate", description = "a new secret for a key; the old one works for --grace")
    static final class RotateKey extends ApiCommand {
        @Parameters(index = "0", description = "the key's id")
        String id;
        @Option(names = "--grace", defaultValue = "PT0S", description = "how long the old secret keeps working "
                + "(ISO-8601 duration, default ${DEFAULT-VALUE})")
        String grace;

        @Override
        public Integer call() throws Exception {
            return print(hub.api("POST", "/api/keys/" + id + "/rotate?grace=" + grace, null));
        }
    }

    @Command(name = "revoke", description = "refused from now on, on every instance")
    static final class RevokeKey extends ApiCommand {
        @Parameters(index = "0", description = "the key's id")
        String id;

        @Override
        public Integer call() throws Exception {
            HubConnection.Reply revoked = hub.api("DELETE", "/api/keys/" + id, null);
            if (revoked.ok()) {
                out().println("revoked " + id);
                return 0;
            }
            return print(revoked);
        }
    }
}
