package io.contexthub.connector.salesforce;

import io.contexthub.platform.Assets;
import io.contexthub.sync.Checkpoint;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.SyncRuns;
import io.contexthub.sync.SyncStream;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Change Data Capture as a live trigger. A change event names its object (ChangeEventHeader.entityName) and carries
 * only the changed fields; writing those as the document would replace it with a fragment. So each event starts the
 * incremental sync of its object's stream, which reads the full changed rows since the cursor through the same
 * query and mappings. The last replay id is kept in the checkpoint store ({@code salesforce/changes}) and the
 * subscription resumes from it when the hub starts; events missed meanwhile are covered by the syncs anyway,
 * which read by SystemModstamp.
 */
@Component("salesforceChanges")
public class SalesforceChanges {

    static final String ROUTE = "sync.salesforce.changes";
    static final String ROUTE_FILE = "connectors/salesforce/changes.yaml";
    static final String STREAM = "changes";
    private static final Logger log = LoggerFactory.getLogger(SalesforceChanges.class);

    private final SalesforceProperties properties;
    private final CheckpointStore checkpoints;
    private final SyncRuns runs;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final Assets assets;
    private final Clock clock;

    public SalesforceChanges(SalesforceProperties properties, CheckpointStore checkpoints, SyncRuns runs,
                             ProducerTemplate producer, CamelContext camel, Assets assets, Clock clock) {
        this.properties = properties;
        this.checkpoints = checkpoints;
        this.runs = runs;
        this.producer = producer;
        this.camel = camel;
        this.assets = assets;
        this.clock = clock;
    }

    /** Adds and starts the subscription once the hub is up, from the stored replay id (-1: new events only). */
    @EventListener(ApplicationReadyEvent.class)
    public void subscribe() throws Exception {
        if (!properties.changes().enabled()) {
            return;
        }
        if (!properties.configured()) {
            throw new IllegalStateException("hub.connectors.salesforce.changes.enabled needs "
                    + "hub.connectors.salesforce.client-id, client-secret and refresh-token");
        }
        // consumers need a session up front; the syncs alone log in lazily
        camel.getComponent("salesforce", SalesforceComponent.class).getLoginConfig().setLazyLogin(false);
        var resource = PluginHelper.getResourceLoader(camel).resolveResource(assets.resource(ROUTE_FILE).getURI()
                .toString());
        camel.addRoutes(PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(resource)).iterator().next());
        long replayId = checkpoints.get(SalesforceApi.CONNECTOR, STREAM).map(Checkpoint::cursor)
                .map(Long::parseLong).orElse(-1L);
        ((SalesforceEndpoint) camel.getRoute(ROUTE).getEndpoint()).setReplayId(replayId);
        camel.getRouteController().startRoute(ROUTE);
        log.info("Salesforce Change Data Capture on {} from replay id {}", properties.changes().channel(), replayId);
    }

    /** One change event: start its object's sync, then remember the event as handled. */
    public void changed(Exchange exchange) {
        String entity = exchange.getMessage().getHeader(SalesforceConstants.HEADER_SALESFORCE_ENTITY_NAME, String.class);
        Object replayId = exchange.getMessage().getHeader(SalesforceConstants.HEADER_SALESFORCE_REPLAY_ID);
        String stream = entity == null ? null : streamReading(entity);
        if (stream != null) {
            producer.asyncSendBody("direct:sync." + SalesforceApi.CONNECTOR + "." + stream, null);
            log.info("Salesforce {} changed ({}): syncing {}", entity,
                    exchange.getMessage().getHeader(SalesforceConstants.HEADER_SALESFORCE_CHANGE_TYPE), stream);
        } else {
            log.info("Salesforce change of {} ignored: no stream reads that object", entity);
        }
        if (replayId != null) {
            checkpoints.put(new Checkpoint(SalesforceApi.CONNECTOR, STREAM, replayId.toString(), List.of(), null, 0,
                    null, Checkpoint.State.IDLE, null, null, clock.instant()));
        }
    }

    /** The stream whose query reads the object (the FROM of its SOQL), whatever the stream is called. */
    private String streamReading(String object) {
        return runs.streams().stream()
                .filter(stream -> stream instanceof SalesforceObjectStream salesforce
                        && salesforce.object().equalsIgnoreCase(object))
                .map(SyncStream::name)
                .findFirst()
                .orElse(null);
    }
}
