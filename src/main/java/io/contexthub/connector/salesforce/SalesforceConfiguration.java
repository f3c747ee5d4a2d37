package io.contexthub.connector.salesforce;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Salesforce streams. camel-salesforce itself is configured from {@code hub.connectors.salesforce.*} in
 * application.yaml ({@code camel.component.salesforce.*}): refresh-token login, only when a sync first calls.
 */
@Configuration(proxyBeanMethods = false)
public class SalesforceConfiguration {

    @Bean
    public SalesforceObjectStream salesforceAccounts(SalesforceProperties properties, SalesforceApi api) {
        return new SalesforceObjectStream("accounts", properties.accounts(), api);
    }

    @Bean
    public SalesforceObjectStream salesforceContacts(SalesforceProperties properties, SalesforceApi api) {
        return new SalesforceObjectStream("contacts", properties.contacts(), api);
    }

    @Bean
    public SalesforceObjectStream salesforceOrders(SalesforceProperties properties, SalesforceApi api) {
        return new SalesforceObjectStream("orders", properties.orders(), api);
    }

    @Bean
    public SalesforceObjectStream salesforceOpportunities(SalesforceProperties properties, SalesforceApi api) {
        return new SalesforceObjectStream("opportunities", properties.opportunities(), api);
    }

    @Bean
    public SalesforceObjectStream salesforceInvoices(SalesforceProperties properties, SalesforceApi api) {
        return new SalesforceObjectStream("invoices", properties.invoices(), api);
    }

    @Bean
    public SalesforceObjectStream salesforceBillingInvoices(SalesforceProperties properties, SalesforceApi api) {
        return new SalesforceObjectStream("billing-invoices", properties.billingInvoices(), api);
    }
}
