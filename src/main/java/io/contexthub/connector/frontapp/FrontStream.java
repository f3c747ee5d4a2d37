package io.contexthub.connector.frontapp;

import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamSettings;

/** What every Front sync stream shares: the connector, the API, Front's timestamps as cursors, the base URL. */
abstract class FrontStream implements SyncStream {

    protected final FrontApi api;
    protected final FrontAppSyncProperties properties;

    FrontStream(FrontApi api, FrontAppSyncProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    @Override
    public String connector() {
        return FrontAppWebhookSource.NAME;
    }

    @Override
    public boolean scheduled() {
        return properties.enabled();
    }

    @Override
    public SyncStreamSettings settings() {
        return SyncStreamSettings.of(properties.streams(), connector(), name());
    }

    @Override
    public SyncApi api() {
        return api;
    }

    /** Front's cursors are epoch seconds with a fraction, compared as numbers. */
    @Override
    public String later(String a, String b) {
        return FrontPages.laterSeconds(a, b);
    }

    /** {@code <base-url><path>}, the base without a trailing slash. */
    protected String url(String pathAndQuery) {
        return properties.baseUrl().toString().replaceAll("/+$", "") + pathAndQuery;
    }
}
