package io.contexthub.store.opensearch;

import io.contexthub.platform.Secret;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The production context store ({@code hub.opensearch.*}), used when {@code hub.store=opensearch}.
 *
 * @param url         the cluster, e.g. http://opensearch:9200
 * @param indexPrefix indices are {@code <prefix>-customer}, {@code <prefix>-invoice}, {@code <prefix>-event}
 * @param username    basic-auth user, if the cluster requires one
 * @param password    basic-auth password (env {@code HUB_OPENSEARCH_PASSWORD})
 * @param replicas    replicas per index when the hub creates it
 * @param refresh     refresh policy of writes: {@code false} (visible within the index refresh interval, ~1 s;
 *                    best throughput), {@code true} (visible when the write returns)
 */
@Validated
@ConfigurationProperties("hub.opensearch")
public record OpenSearchProperties(
        @NotNull @DefaultValue("http://localhost:9200") URI url,
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]*",
                message = "hub.opensearch.index-prefix must be lower case letters, digits, - or _")
        @DefaultValue("context") String indexPrefix,
        String username,
        Secret password,
        @Min(0) @DefaultValue("1") int replicas,
        @Pattern(regexp = "true|false", message = "hub.opensearch.refresh must be true or false")
        @DefaultValue("false") String refresh) {

    /** The same cluster, with the index prefix of {@code tenant}'s indices. */
    public OpenSearchProperties forTenant(String tenant) {
        return new OpenSearchProperties(url, io.contexthub.tenant.Tenants.indexPrefix(indexPrefix, tenant), username,
                password, replicas, refresh);
    }
}
