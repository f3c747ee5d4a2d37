package io.contexthub.connector.hubspot;

import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamSettings;

/** What every HubSpot stream shares: the connector, its settings and schedule switch, the API, the base URL. */
abstract class HubSpotStream implements SyncStream {

    protected final String name;
    protected final HubSpotSyncProperties settings;
    protected final HubSpotApi api;

    HubSpotStream(String name, HubSpotSyncProperties settings, HubSpotApi api) {
        this.name = name;
        this.settings = settings;
        this.api = api;
    }

    @Override
    public String connector() {
        return HubSpotApi.CONNECTOR;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SyncStreamSettings settings() {
        return SyncStreamSettings.of(settings.streams(), connector(), name);
    }

    @Override
    public boolean scheduled() {
        return settings.enabled();
    }

    @Override
    public SyncApi api() {
        return api;
    }

    /** The API's base URL without a trailing slash. */
    protected String baseUrl() {
        return settings.baseUrl().toString().replaceAll("/+$", "");
    }
}
