package io.contexthub.staging;

import java.util.Set;

/**
 * Names of sources whose envelopes are staged (a topic each on Kafka). Ingress features (webhooks, syncs) declare
 * theirs as a bean, so staging knows its topics without depending on the features that feed it.
 */
@FunctionalInterface
public interface StagedSources {

    Set<String> names();
}
