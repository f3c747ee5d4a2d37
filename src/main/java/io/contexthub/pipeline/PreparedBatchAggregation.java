package io.contexthub.pipeline;

import io.contexthub.platform.Rejection;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Gathers the results of {@code process.envelope} over a staged batch (the split in {@code process.canonical})
 * into one {@link PreparedBatch}. An envelope's failure that its route did not handle (an outage) fails the batch.
 */
@Component("preparedBatchAggregation")
public class PreparedBatchAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batch, Exchange envelope) {
        // A fresh exchange, not the first envelope's: that one may carry "handled by the error handler" marks,
        // which the split would copy onto the batch and end its route as if it were done.
        Exchange result = batch == null ? new DefaultExchange(envelope.getContext()) : batch;
        PreparedBatch prepared = batch == null ? new PreparedBatch() : batch.getMessage().getBody(PreparedBatch.class);
        if (envelope.getException() != null) {
            result.setException(envelope.getException());
        }
        Object body = envelope.getMessage().getBody();
        if (body instanceof MappedEnvelope mapped) {
            prepared.add(mapped);
        } else if (body instanceof Rejection rejection) {
            prepared.add(rejection);
        }
        result.getMessage().setBody(prepared);
        return result;
    }
}
