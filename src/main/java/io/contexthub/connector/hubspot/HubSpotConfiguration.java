package io.contexthub.connector.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HubSpot CRM streams: contacts and companies, each searched by its last-modified time. */
@Configuration(proxyBeanMethods = false)
public class HubSpotConfiguration {

    /** What contacts-to-customer.jsonata reads. */
    static final List<String> CONTACT_PROPERTIES = List.of("email", "hs_additional_emails", "firstname", "lastname",
            "jobtitle", "company", "associatedcompanyid", "phone", "mobilephone", "lifecyclestage",
            "hubspot_owner_id", "hs_merged_object_ids", "createdate", "city", "country");
    /** What companies-to-customer.jsonata reads. */
    static final List<String> COMPANY_PROPERTIES = List.of("name", "domain", "phone", "industry", "city", "state",
            "country", "lifecyclestage", "hubspot_owner_id", "hs_merged_object_ids", "createdate");

    @Bean
    public HubSpotSearchStream hubspotContacts(HubSpotSyncProperties properties, HubSpotApi api, Clock clock,
                                               ObjectMapper mapper) {
        return new HubSpotSearchStream("contacts", "lastmodifieddate", CONTACT_PROPERTIES, properties, api, clock,
                mapper);
    }

    @Bean
    public HubSpotSearchStream hubspotCompanies(HubSpotSyncProperties properties, HubSpotApi api, Clock clock,
                                                ObjectMapper mapper) {
        return new HubSpotSearchStream("companies", "hs_lastmodifieddate", COMPANY_PROPERTIES, properties, api, clock,
                mapper);
    }
}
