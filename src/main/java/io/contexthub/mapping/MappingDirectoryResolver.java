package io.contexthub.mapping;

import java.util.Optional;

/**
 * Points a source at a mapping directory other than {@code mappings/<source>/}: Standard Webhooks senders share
 * one generic mapping unless configured otherwise.
 */
public interface MappingDirectoryResolver {

    /** The directory under {@code mappings/} whose files map this source, if this resolver decides it. */
    Optional<String> directory(String source);
}
