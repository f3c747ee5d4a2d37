package io.contexthub.connector.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.SyncApi;
import io.contexthub.sync.SyncPage;
import io.contexthub.sync.SyncRecord;
import io.contexthub.sync.SyncRequest;
import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Every configured report, one runReport call per report and day (paged by offset until {@code rowCount}), from the
 * day after the cursor (or {@code initial-days} back) to yesterday, always including the last
 * {@code refresh-days}, which GA4 still revises. One record per row: a day × dimension tuple with its metrics. The
 * cursor is the last day pulled. Each answer's property quota is read: an exhausted hourly or daily quota holds the
 * budget until it resets.
 */
@Component
public class Ga4ReportsStream implements SyncStream {

    static final String NAME = "reports";
    static final String REPORT = "report";
    static final String DATE = "date";
    static final String OFFSET = "offset";
    /** GA4's daily quotas reset at midnight Pacific time. */
    static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");

    private final Ga4Api api;
    private final Ga4Properties properties;
    private final Clock clock;
    private final ObjectMapper mapper;

    public Ga4ReportsStream(Ga4Api api, Ga4Properties properties, Clock clock, ObjectMapper mapper) {
        this.api = api;
        this.properties = properties;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public String connector() {
        return Ga4Api.CONNECTOR;
    }

    @Override
    public String name() {
        return NAME;
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

    @Override
    public List<SyncRequest> first(Optional<String> cursor) {
        LocalDate yesterday = LocalDate.now(clock.withZone(properties.timeZone())).minusDays(1);
        LocalDate refreshFrom = yesterday.minusDays(properties.refreshDays() - 1L);
        LocalDate from = cursor.map(c -> LocalDate.parse(c).plusDays(1))
                .map(next -> next.isBefore(refreshFrom) ? next : refreshFrom)
                .orElse(yesterday.minusDays(properties.initialDays() - 1L));
        List<SyncRequest> requests = new ArrayList<>();
        for (String report : new TreeMap<>(properties.reports()).keySet()) {
            for (LocalDate day = from; !day.isAfter(yesterday); day = day.plusDays(1)) {
                requests.add(request(report, day.toString(), 0));
            }
        }
        return requests;
    }

    private SyncRequest request(String report, String date, long offset) {
        Ga4Properties.Report definition = properties.reports().get(report);
        ObjectNode body = mapper.createObjectNode();
        body.putArray("dateRanges").addObject().put("startDate", date).put("endDate", date);
        ArrayNode dimensions = body.putArray("dimensions");
        definition.dimensions().forEach(d -> dimensions.addObject().put("name", d));
        ArrayNode metrics = body.putArray("metrics");
        definition.metrics().forEach(m -> metrics.addObject().put("name", m));
        body.put("limit", Integer.toString(properties.pageSize()));
        body.put("offset", Long.toString(offset));
        body.put("returnPropertyQuota", true);
        String url = properties.baseUrl().toString().replaceAll("/+$", "") + "/v1beta/properties/"
                + properties.propertyId() + ":runReport";
        return new SyncRequest(REPORT, url, Map.of(REPORT, report, DATE, date, OFFSET, Long.toString(offset)),
                "POST", body.toString());
    }

    @Override
    public SyncPage page(SyncRequest request, JsonNode body) {
        String report = request.context().get(REPORT);
        String date = request.context().get(DATE);
        long offset = Long.parseLong(request.context().get(OFFSET));
        JsonNode rows = body.path("rows");
        long rowCount = body.path("rowCount").asLong(0);
        if (!rows.isMissingNode() && !rows.isArray()) {
            throw new PermanentFailureException("GA4's answer for report " + report + " on " + date + " has no rows array");
        }
        watchQuota(body.path("propertyQuota"));
        List<String> dimensionNames = names(body.path("dimensionHeaders"));
        List<String> metricNames = names(body.path("metricHeaders"));
        List<String> metricTypes = new ArrayList<>();
        body.path("metricHeaders").forEach(h -> metricTypes.add(h.path("type").asText("TYPE_FLOAT")));
        String dayStart = LocalDate.parse(date).atStartOfDay(properties.timeZone()).toInstant().toString();
        List<SyncRecord> records = new ArrayList<>();
        for (JsonNode row : rows) {
            ObjectNode payload = mapper.createObjectNode();
            payload.put("propertyId", properties.propertyId());
            payload.put("report", report);
            payload.put("date", date);
            payload.put("dayStart", dayStart);
            payload.put("timeZone", body.path("metadata").path("timeZone").asText(properties.timeZone().getId()));
            if (body.path("metadata").hasNonNull("currencyCode")) {
                payload.put("currencyCode", body.path("metadata").path("currencyCode").asText());
            }
            ObjectNode dimensions = payload.putObject("dimensions");
            List<String> tuple = new ArrayList<>();
            for (int i = 0; i < dimensionNames.size(); i++) {
                String value = row.path("dimensionValues").path(i).path("value").asText("");
                dimensions.put(dimensionNames.get(i), value);
                tuple.add(value);
            }
            ObjectNode metrics = payload.putObject("metrics");
            for (int i = 0; i < metricNames.size(); i++) {
                putMetric(metrics, metricNames.get(i), metricTypes.get(i),
                        row.path("metricValues").path(i).path("value").asText("0"));
            }
            String key = report + ":" + date + ":" + String.join("|", tuple) + ":" + hash(metrics.toString());
            records.add(new SyncRecord(key, "report-row", payload));
        }
        List<SyncRequest> followUps = offset + properties.pageSize() < rowCount
                ? List.of(request(report, date, offset + properties.pageSize())) : List.of();
        return new SyncPage(records, followUps, date, offset == 0 ? rowCount : null);
    }

    /** Values arrive as strings; the header's type says what they are. */
    private static void putMetric(ObjectNode metrics, String name, String type, String value) {
        try {
            if ("TYPE_INTEGER".equals(type)) {
                metrics.put(name, Long.parseLong(value));
            } else {
                metrics.put(name, Double.parseDouble(value));
            }
        } catch (NumberFormatException e) {
            metrics.put(name, value);
        }
    }

    private void watchQuota(JsonNode quota) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (quota.path("tokensPerHour").path("remaining").asLong(1) <= 0) {
            api.budget().blockUntil(now.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant());
        }
        if (quota.path("tokensPerDay").path("remaining").asLong(1) <= 0) {
            api.budget().blockUntil(now.withZoneSameInstant(QUOTA_ZONE).toLocalDate().plusDays(1)
                    .atStartOfDay(QUOTA_ZONE).toInstant());
        }
    }

    private static List<String> names(JsonNode headers) {
        List<String> names = new ArrayList<>();
        headers.forEach(h -> names.add(h.path("name").asText()));
        return names;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
