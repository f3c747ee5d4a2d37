package io.contexthub.staging;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Micro-batches spooled envelopes without giving up durability. The file consumer deletes a spool file when its
 * exchange completes, and the aggregator completes each incoming exchange as soon as it joined a batch; so
 * before joining, {@link #deferAcknowledgement} lifts the file's delete-or-release callback off the exchange,
 * and the aggregation hands it to the batch. A file is deleted only when its whole batch was stored (or
 * dead-lettered), and is released to be read again when the batch fails.
 */
@Component("spoolBatching")
public class SpoolBatching implements AggregationStrategy {

    static final String ACKNOWLEDGEMENTS = "hubSpoolAcknowledgements";

    /** Reads the spool file into bytes and moves its completion callbacks into an exchange property. */
    public void deferAcknowledgement(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getMessage().getBody(byte[].class));
        Exchange holder = new DefaultExchange(exchange.getContext());
        exchange.getExchangeExtension().handoverCompletions(holder);
        List<Synchronization> callbacks = holder.getExchangeExtension().handoverCompletions();
        exchange.setProperty(ACKNOWLEDGEMENTS, callbacks == null ? List.of() : callbacks);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange staged) {
        Exchange result = batch == null ? staged : batch;
        List<byte[]> envelopes = batch == null ? new ArrayList<>() : batch.getMessage().getBody(List.class);
        envelopes.add(staged.getMessage().getBody(byte[].class));
        List<Synchronization> callbacks = staged.getProperty(ACKNOWLEDGEMENTS, List.of(), List.class);
        staged.removeProperty(ACKNOWLEDGEMENTS);
        callbacks.forEach(callback -> result.getExchangeExtension().addOnCompletion(callback));
        result.getMessage().setBody(envelopes);
        return result;
    }
}
