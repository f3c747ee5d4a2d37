package io.contexthub.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamSettings;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Salesforce object, incrementally: {@code queryAll} (deleted rows included, with IsDeleted) of the configured
 * SOQL, restricted to {@code SystemModstamp >=} the cursor and ordered by it, then {@code queryMore} through
 * {@code nextRecordsUrl} until {@code done}. The cursor is the newest SystemModstamp seen, compared at the second
 * (SOQL's datetime literals have no fraction), so the records of the cursor's own second are read again and
 * recognised as duplicates. The first page reports {@code totalSize} as the run's total.
 */
public class SalesforceObjectStream implements SyncStream {

    static final String QUERY = "queryAll";
    static final String QUERY_MORE = "queryMore";
    static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            Locale.ROOT);
    static final DateTimeFormatter SOQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    private final String name;
    private final SalesforceProperties.Stream settings;
    private final boolean scheduled;
    private final SalesforceApi api;

    public SalesforceObjectStream(String name, SalesforceProperties.Stream settings, boolean scheduled,
                                  SalesforceApi api) {
        this.name = name;
        this.settings = settings;
        this.scheduled = scheduled;
        this.api = api;
    }

    @Override
    public String connector() {
        return SalesforceApi.CONNECTOR;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SyncApi api() {
        return api;
    }

    @Override
    public SyncStreamSettings settings() {
        return new SyncStreamSettings(settings.every(), settings.enabled());
    }

    @Override
    public boolean scheduled() {
        return scheduled;
    }

    /** camel-salesforce makes the calls (connectors/salesforce/routes.yaml), not the shared HTTP client. */
    @Override
    public String fetch() {
        return "direct:sync.fetch.salesforce";
    }

    /** The Salesforce object this stream reads. */
    public String object() {
        return settings.object();
    }

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        String soql = settings.soql().trim();
        if (cursor.isPresent()) {
            String since = SOQL_TIME.format(OffsetDateTime.parse(cursor.get(), SALESFORCE_TIME)
                    .withOffsetSameInstant(ZoneOffset.UTC));
            // a sub-query's own WHERE (in parentheses) is not the query's
            soql += (outsideParentheses(soql).toUpperCase(Locale.ROOT).contains(" WHERE ") ? " AND " : " WHERE ")
                    + "SystemModstamp >= " + since;
        }
        soql += " ORDER BY SystemModstamp ASC";
        return List.of(new SyncRequest(QUERY, QUERY, Map.of(), "GET", soql));
    }

    static String outsideParentheses(String soql) {
        StringBuilder outside = new StringBuilder();
        int depth = 0;
        for (char c : soql.toCharArray()) {
            depth += c == '(' ? 1 : 0;
            if (depth == 0) {
                outside.append(c);
            }
            depth -= c == ')' && depth > 0 ? 1 : 0;
        }
        return outside.toString();
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        JsonNode records = body.path("records");
        if (!records.isArray()) {
            throw new PermanentFailureException("Salesforce's answer to " + name + " has no records array");
        }
        List<SyncRecord> staged = new ArrayList<>();
        String newest = null;
        for (JsonNode record : records) {
            String modstamp = record.path("SystemModstamp").asText(null);
            String key = record.path("attributes").path("type").asText(name) + ":" + record.path("Id").asText("?")
                    + ":" + (modstamp == null ? "?" : modstamp);
            staged.add(new SyncRecord(key, record.path("attributes").path("type").asText(name), record));
            newest = later(newest, modstamp);
        }
        List<SyncRequest> next = !body.path("done").asBoolean(true) && body.hasNonNull("nextRecordsUrl")
                ? List.of(new SyncRequest(QUERY_MORE, body.path("nextRecordsUrl").asText(), Map.of(), "GET", null))
                : List.of();
        Long total = QUERY.equals(request.kind()) ? body.path("totalSize").asLong() : null;
        return new SyncPage(staged, next, newest, total);
    }

    @Override
    public String later(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return OffsetDateTime.parse(a, SALESFORCE_TIME).isBefore(OffsetDateTime.parse(b, SALESFORCE_TIME)) ? b : a;
    }
}
