package io.contexthub.sync;

import java.util.List;

/**
 * Sync streams that exist only through configuration (one Salesforce stream per entry of
 * {@code hub.connectors.salesforce.streams}), where a bean per stream cannot be declared in advance.
 */
public interface SyncStreamGroup {

    List<SyncStream> streams();
}
