package io.contexthub.store.opensearch;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.RestClient;

/** The low-level REST client for {@code hub.opensearch.*}, with basic auth when a username is set. */
public final class OpenSearchClients {

    private OpenSearchClients() {
    }

    public static RestClient restClient(OpenSearchProperties properties) {
        var builder = RestClient.builder(HttpHost.create(properties.url()));
        if (properties.username() != null && !properties.username().isBlank()) {
            var credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(
                    properties.username(), (properties.password() == null ? "" : properties.password().reveal()).toCharArray()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return builder.build();
    }
}
