package io.contexthub.canonical;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The kinds of canonical document, each with its schema {@code canonical-model/<name>.schema.json}, its mappings
 * {@code <stream>-to-<name>.jsonata}, its index and its ids {@code <name>:<source>:<sourceId>}. Adding one is a
 * versioned change of the canonical model (docs/canonical-model.md).
 */
public enum Entity {
    CUSTOMER, INVOICE, DEAL, EVENT;

    /** As it appears in ids, file names, indices and the API: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every entity's name, sorted. */
    public static Set<String> names() {
        return Arrays.stream(values()).map(Entity::id).collect(Collectors.toCollection(TreeSet::new));
    }

    public static Optional<Entity> of(String name) {
        return Arrays.stream(values()).filter(entity -> entity.id().equals(name)).findFirst();
    }

    public static boolean known(String name) {
        return of(name).isPresent();
    }
}
