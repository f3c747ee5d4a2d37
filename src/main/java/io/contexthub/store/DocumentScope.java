package io.contexthub.store;

import java.util.Set;

/**
 * Which documents a caller may see, by kind and by source: what narrows a scoped API key (docs/security.md). It is
 * applied inside the store query, like every other filter, so a scoped search still returns k hits when k exist.
 *
 * @param types   the entities allowed ({@code event}, {@code invoice}, ...); null for any
 * @param sources the connectors allowed ({@code frontapp}, ...); null for any
 */
public record DocumentScope(Set<String> types, Set<String> sources) {

    public static final DocumentScope ALL = new DocumentScope(null, null);

    public DocumentScope {
        types = types == null || types.isEmpty() ? null : Set.copyOf(types);
        sources = sources == null || sources.isEmpty() ? null : Set.copyOf(sources);
    }

    public boolean unrestricted() {
        return types == null && sources == null;
    }

    public boolean allowsType(String type) {
        return types == null || types.contains(type);
    }

    public boolean allowsSource(String source) {
        return sources == null || sources.contains(source);
    }

    /** Whether a document id ({@code <type>:<source>:<source id>}) falls inside. */
    public boolean allowsId(String id) {
        String[] parts = id == null ? new String[0] : id.split(":", 3);
        return parts.length == 3 && allowsType(parts[0]) && allowsSource(parts[1]);
    }
}
