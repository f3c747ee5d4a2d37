package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.sync.SyncStream;
import io.contexthub.sync.SyncStreamGroup;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HubSpot CRM streams, each searched by its last-modified time: contacts, companies, deals (with their contacts,
 * companies, pipeline stage and stage history), and the engagements
 * (notes, calls, e-mails, meetings, tasks), which are staged with the contacts, companies and deals they concern and
 * share one mapping (engagements-to-event.jsonata); and the archived contacts and companies, listed in full.
 */
@Configuration(proxyBeanMethods = false)
public class HubSpotConfiguration {

    /** What contacts-to-customer.jsonata reads. */
    static final List<String> CONTACT_PROPERTIES = List.of("email", "hs_additional_emails", "firstname", "lastname",
            "jobtitle", "company", "associatedcompanyid", "phone", "mobilephone", "lifecyclestage",
            "hubspot_owner_id", "hs_merged_object_ids", "createdate", "city", "country");
    /** What companies-to-customer.jsonata reads. */
    static final List<String> COMPANY_PROPERTIES = List.of("name", "domain", "phone", "industry", "city", "state",
            "country", "lifecyclestage", "hubspot_owner_id", "hs_merged_object_ids", "createdate");

    /** What deals-to-deal.jsonata and deals-to-event.jsonata read. */
    static final List<String> DEAL_PROPERTIES = List.of("dealname", "amount", "deal_currency_code", "dealstage",
            "pipeline", "closedate", "createdate", "hs_deal_stage_probability", "dealtype", "hubspot_owner_id");
    static final List<String> DEAL_ASSOCIATIONS = List.of("companies", "contacts");

    /** The engagement types and what engagements-to-event.jsonata reads of each. */
    static final Map<String, List<String>> ENGAGEMENTS = Map.of(
            "notes", List.of("hs_timestamp", "hs_note_body", "hubspot_owner_id"),
            "calls", List.of("hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction", "hs_call_duration",
                    "hs_call_status", "hs_call_disposition", "hubspot_owner_id"),
            "emails", List.of("hs_timestamp", "hs_email_subject", "hs_email_text", "hs_email_direction",
                    "hs_email_status", "hubspot_owner_id"),
            "meetings", List.of("hs_timestamp", "hs_meeting_title", "hs_meeting_body", "hs_meeting_start_time",
                    "hs_meeting_end_time", "hs_meeting_location", "hs_meeting_outcome", "hubspot_owner_id"),
            "tasks", List.of("hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority",
                    "hs_task_type", "hubspot_owner_id"));
    static final List<String> ENGAGEMENT_ASSOCIATIONS = List.of("contacts", "companies", "deals");
    static final String ENGAGEMENT_STREAM = "engagements";

    @Bean
    public SyncStreamGroup hubspotEngagements(HubSpotSyncProperties properties, HubSpotApi api, Clock clock,
                                              ObjectMapper mapper) {
        List<SyncStream> streams = new TreeMap<>(ENGAGEMENTS).entrySet().stream()
                .map(type -> (SyncStream) new HubSpotSearchStream(type.getKey(), "hs_lastmodifieddate",
                        type.getValue(), ENGAGEMENT_ASSOCIATIONS, ENGAGEMENT_STREAM, properties, api, clock, mapper))
                .toList();
        return () -> streams;
    }

    @Bean
    public SyncStreamGroup hubspotArchived(HubSpotSyncProperties properties, HubSpotApi api) {
        List<SyncStream> streams = List.of(new HubSpotArchivedStream("contacts-archived", "contacts", properties, api),
                new HubSpotArchivedStream("companies-archived", "companies", properties, api));
        return () -> streams;
    }

    @Bean
    public HubSpotSearchStream hubspotContacts(HubSpotSyncProperties properties, HubSpotApi api, Clock clock,
                                               ObjectMapper mapper) {
        return new HubSpotSearchStream("contacts", "lastmodifieddate", CONTACT_PROPERTIES, properties, api, clock,
                mapper);
    }

    @Bean
    public HubSpotDealStream hubspotDeals(HubSpotSyncProperties properties, HubSpotApi api, Clock clock,
                                          ObjectMapper mapper) {
        return new HubSpotDealStream(DEAL_PROPERTIES, DEAL_ASSOCIATIONS, properties, api, clock, mapper);
    }

    @Bean
    public HubSpotSearchStream hubspotCompanies(HubSpotSyncProperties properties, HubSpotApi api, Clock clock,
                                                ObjectMapper mapper) {
        return new HubSpotSearchStream("companies", "hs_lastmodifieddate", COMPANY_PROPERTIES, properties, api, clock,
                mapper);
    }
}
