package io.contexthub.connector.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Stripe streams: the customers and invoices backfill, and the events catch-up. */
@Configuration(proxyBeanMethods = false)
public class StripeConfiguration {

    @Bean
    public StripeListStream stripeCustomers(StripeSyncProperties properties, StripeApi api, Clock clock,
                                            ObjectMapper mapper) {
        return new StripeListStream("customers", "customer", properties, api, clock, mapper);
    }

    @Bean
    public StripeListStream stripeInvoices(StripeSyncProperties properties, StripeApi api, Clock clock,
                                           ObjectMapper mapper) {
        return new StripeListStream("invoices", "invoice", properties, api, clock, mapper);
    }

    @Bean
    public StripeListStream stripeEvents(StripeSyncProperties properties, StripeApi api, Clock clock,
                                         ObjectMapper mapper) {
        return new StripeListStream(StripeListStream.EVENTS, null, properties, api, clock, mapper);
    }
}
