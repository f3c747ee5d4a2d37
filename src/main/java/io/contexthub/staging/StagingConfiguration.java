package io.contexthub.staging;

import io.contexthub.platform.HubProperties;
import org.springframework.context.annotation.Configuration;

/** Fails fast on a bus this build does not provide yet, naming the setting. */
@Configuration(proxyBeanMethods = false)
public class StagingConfiguration {

    public StagingConfiguration(HubProperties hub) {
        if (hub.staging() != HubProperties.Staging.spool) {
            throw new IllegalStateException("hub.staging=" + hub.staging()
                    + " is not available in this build; use hub.staging=spool");
        }
    }
}
