package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code GET /contacts} updated since the cursor, oldest change first, into Customers. A contact is keyed by its
 * id and update time: a changed contact is staged again, an unchanged one is a duplicate.
 */
@Component
public class FrontContactsStream implements SyncStream {

    static final String NAME = "contacts";

    private final FrontApi api;
    private final FrontAppSyncProperties properties;

    public FrontContactsStream(FrontApi api, FrontAppSyncProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    @Override
    public String connector() {
        return FrontAppWebhookSource.NAME;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SyncApi api() {
        return api;
    }

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        String filter = cursor.map(c -> "q%5Bupdated_after%5D=" + c + "&").orElse("");
        return List.of(new SyncRequest(NAME, properties.baseUrl().toString().replaceAll("/+$", "") + "/contacts?"
                + filter + "sort_by=updated_at&sort_order=asc&limit=" + properties.pageSize()));
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        JsonNode results = FrontPages.results(request, body);
        List<SyncRecord> records = new ArrayList<>();
        for (JsonNode contact : results) {
            String key = "contact:" + contact.path("id").asText("?") + ":" + contact.path("updated_at").asText("?");
            records.add(new SyncRecord(key, "contact", contact));
        }
        return new SyncPage(records, FrontPages.pageList(FrontPages.next(request, body)),
                FrontPages.newest(results, "updated_at", null), null);
    }

    @Override
    public String later(String a, String b) {
        return FrontPages.laterSeconds(a, b);
    }
}
