package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records archived (deleted, restorable for 90 days) in HubSpot. Search never returns them and archiving does not
 * change their last-modified time, so each run lists them all ({@code GET /crm/v3/objects/<type>?archived=true},
 * paged with the opaque {@code after}) and stages each once per archiving ({@code archivedAt} in its key); the
 * mappings make them deleted Customers whose version is the archiving time, so they win over the live copy. Webhook
 * deletions arrive sooner; this stream catches what no webhook reported.
 */
public class HubSpotArchivedStream extends HubSpotStream {

    static final String LIST = "archived";

    private final String objectType;

    /**
     * @param name       the stream (contacts-archived)
     * @param objectType the object type, also the stream its records are staged as (contacts), so the live
     *                   records' mapping applies
     */
    public HubSpotArchivedStream(String name, String objectType, HubSpotSyncProperties settings, HubSpotApi api) {
        super(name, settings, api);
        this.objectType = objectType;
    }

    @Override
    public String envelopeStream() {
        return objectType;
    }

    /** Always the whole list: there is nothing to resume from, the archive has no time filter. */
    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        return List.of(page(null));
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        JsonNode results = body.path("results");
        if (!results.isArray()) {
            throw new PermanentFailureException("HubSpot's list of archived " + objectType + " has no results array");
        }
        List<SyncRecord> records = new ArrayList<>();
        for (JsonNode result : results) {
            records.add(new SyncRecord(objectType + ":" + result.path("id").asText() + ":archived:"
                    + result.path("archivedAt").asText("?"), objectType, result));
        }
        String after = body.path("paging").path("next").path("after").asText(null);
        return new SyncPage(records, after == null ? List.of() : List.of(page(after)), null, null);
    }

    private SyncRequest page(String after) {
        String url = baseUrl() + "/crm/v3/objects/" + objectType
                + "?archived=true&limit=100"
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return new SyncRequest(LIST, url);
    }
}
