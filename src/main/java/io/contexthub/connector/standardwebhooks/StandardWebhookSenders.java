package io.contexthub.connector.standardwebhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.mapping.MappingDirectoryResolver;
import io.contexthub.platform.Assets;
import io.contexthub.webhook.TimestampWindow;
import io.contexthub.webhook.WebhookProperties;
import io.contexthub.webhook.WebhookSource;
import io.contexthub.webhook.WebhookSourceGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every sender of {@code hub.webhooks.senders.<name>} is a Standard Webhooks sender at
 * {@code POST /webhooks/<name>}; a bad name or secret stops the hub with a message naming the property. The form of
 * earlier releases, {@code hub.webhooks.<name>.secret} with any name but a built-in source's, still works for this
 * release and logs a deprecation warning naming the new property.
 */
@Component
public class StandardWebhookSenders implements WebhookSourceGroup, MappingDirectoryResolver {

    public static final String GENERIC_MAPPING = "standard-webhooks";
    static final ConfigurationPropertyName WEBHOOKS = ConfigurationPropertyName.of("hub.webhooks");
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    static final String SENDERS = "hub.webhooks.senders";

    private static final Logger log = LoggerFactory.getLogger(StandardWebhookSenders.class);

    private final List<WebhookSource> sources = new ArrayList<>();
    private final Map<String, String> mappingDirectories = new TreeMap<>();

    public StandardWebhookSenders(Environment environment, StandardWebhooksProperties senders,
                                  WebhookProperties properties, List<WebhookSource> builtIn, Assets assets,
                                  Clock clock, ObjectMapper mapper) {
        Set<String> reserved = new TreeSet<>(WebhookProperties.OWN_SETTINGS);
        reserved.add("senders");
        builtIn.forEach(source -> reserved.add(source.name()));
        Binder binder = Binder.get(environment);
        TimestampWindow window = new TimestampWindow(clock, properties.tolerance());
        Map<String, String> prefixes = new TreeMap<>();
        Map<String, StandardWebhookSettings> declared = new TreeMap<>();
        senders.senders().forEach((name, settings) -> {
            prefixes.put(name, SENDERS + "." + name);
            declared.put(name, settings);
        });
        for (String name : legacyNames(environment, reserved)) {
            String prefix = "hub.webhooks." + name;
            if (declared.containsKey(name)) {
                throw new IllegalStateException(prefix + ".* and " + SENDERS + "." + name + ".* both declare sender "
                        + name + "; keep " + SENDERS + "." + name);
            }
            log.warn("{}.secret is deprecated and will stop working in the next release: write {}.{}.secret "
                    + "(environment: HUB_WEBHOOKS_SENDERS_{}_SECRET)", prefix, SENDERS, name,
                    name.toUpperCase(java.util.Locale.ROOT).replace("-", ""));
            prefixes.put(name, prefix);
            declared.put(name, binder.bind(prefix, StandardWebhookSettings.class)
                    .orElseThrow(() -> new IllegalStateException(prefix + " could not be read")));
        }
        declared.forEach((name, settings) -> {
            String prefix = prefixes.get(name);
            if (!NAME.matcher(name).matches() || reserved.contains(name)) {
                throw new IllegalStateException(prefix + ".secret: '" + name + "' cannot name a webhook sender; "
                        + "use lower case letters, digits, - or _, and no built-in source's name");
            }
            List<byte[]> keys = new ArrayList<>();
            for (String secret : settings.secret() == null ? List.<String>of() : settings.secret()) {
                if (secret.isBlank()) {
                    continue;
                }
                keys.add(StandardWebhookSource.key(secret.trim()).orElseThrow(() -> new IllegalStateException(
                        prefix + ".secret must be whsec_ followed by base64 (as Standard Webhooks senders issue it)")));
            }
            String directory = settings.mapping() != null && !settings.mapping().isBlank() ? settings.mapping()
                    : assets.list("mappings/" + name + "/" + StandardWebhookSource.STREAM + "-to-*.jsonata").isEmpty()
                    ? GENERIC_MAPPING : name;
            if (assets.list("mappings/" + directory + "/" + StandardWebhookSource.STREAM + "-to-*.jsonata").isEmpty()) {
                throw new IllegalStateException(prefix + ".mapping: mappings/" + directory + "/ has no "
                        + StandardWebhookSource.STREAM + "-to-<entity>.jsonata");
            }
            mappingDirectories.put(name, directory);
            sources.add(new StandardWebhookSource(name, keys, window, mapper));
            log.info("Standard Webhooks sender {} at /webhooks/{}, mapped by mappings/{}/", name, name, directory);
        });
    }

    /**
     * The {@code <name>} of every {@code hub.webhooks.<name>.secret} (the deprecated form) that is not a built-in
     * source's or a shared setting's.
     */
    static TreeSet<String> legacyNames(Environment environment, Set<String> reserved) {
        TreeSet<String> names = new TreeSet<>();
        for (var source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream()
                    .filter(WEBHOOKS::isAncestorOf)
                    .filter(property -> property.getNumberOfElements() == 4
                            && "secret".equals(property.getLastElement(ConfigurationPropertyName.Form.UNIFORM)))
                    .map(property -> property.getElement(2, ConfigurationPropertyName.Form.ORIGINAL))
                    .filter(name -> !reserved.contains(name))
                    .forEach(names::add);
        }
        return names;
    }

    @Override
    public List<WebhookSource> sources() {
        return List.copyOf(sources);
    }

    @Override
    public Optional<String> directory(String source) {
        return Optional.ofNullable(mappingDirectories.get(source));
    }
}
