package io.contexthub.connector.frontapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code GET /contacts} updated since the cursor, oldest change first, into Customers. A contact is keyed by its
 * id and update time: a changed contact is staged again, an unchanged one is a duplicate.
 */
@Component
public class FrontContactsStream extends FrontStream {

    static final String NAME = "contacts";

    public FrontContactsStream(FrontApi api, FrontAppSyncProperties properties) {
        super(api, properties);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        String filter = cursor.map(c -> "q%5Bupdated_after%5D=" + c + "&").orElse("");
        return List.of(new SyncRequest(NAME, url("/contacts?" + filter + "sort_by=updated_at&sort_order=asc&limit="
                + properties.pageSize())));
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
}
