package io.contexthub.platform;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Top-level settings of the hub.
 *
 * @param dataDir   where the spool, dead letters, idempotency keys and the embedded index live
 * @param assetsDir optional directory whose routes/, mappings/, canonical-model/ and connectors/ replace the
 *                  packaged ones, so integrators change them without rebuilding
 * @param staging   which bus carries envelopes between stages
 * @param store     which context store the documents are published into
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        Path assetsDir,
        @NotNull @DefaultValue("spool") Staging staging,
        @NotNull @DefaultValue("lucene") Store store) {

    public enum Staging { spool, kafka }

    public enum Store { lucene, opensearch }
}
