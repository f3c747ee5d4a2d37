package io.contexthub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Points at a canonical Customer; any subset of the fields, at least one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerRef(String id, String sourceId, String email, String name) {
}
