package io.contexthub.sync;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * The settings every sync stream has, {@code hub.connectors.<connector>.streams.<stream>.every / .enabled}; the
 * defaults of each stream are declared once, in its connector's descriptor ({@code syncs.<stream>.settings}).
 *
 * @param every   how often the stream runs
 * @param enabled false switches the stream off: its runs, scheduled or started by the API, do nothing
 */
public record SyncStreamSettings(@NotNull Duration every, @DefaultValue("true") boolean enabled) {

    private static final Logger log = LoggerFactory.getLogger(SyncStreamSettings.class);

    /** A stream's settings from its connector's map, or a failure that names the missing setting. */
    public static SyncStreamSettings of(Map<String, SyncStreamSettings> streams, String connector, String stream) {
        SyncStreamSettings settings = streams.get(stream);
        if (settings == null) {
            throw new IllegalStateException("hub.connectors." + connector + ".streams." + stream
                    + ".every is not set (the connector's descriptor declares the defaults of its streams)");
        }
        return settings;
    }

    /**
     * The shape before 1.1, a bare duration ({@code hub.connectors.frontapp.streams.events=5m}); still read, with a
     * warning, for one release (docs/operations.md, "Renamed settings").
     */
    public static SyncStreamSettings valueOf(String every) {
        log.warn("A sync stream's schedule set as a bare duration ({}) is deprecated: set "
                + "hub.connectors.<connector>.streams.<stream>.every instead", every);
        return new SyncStreamSettings(DurationStyle.detectAndParse(every.trim()), true);
    }
}
