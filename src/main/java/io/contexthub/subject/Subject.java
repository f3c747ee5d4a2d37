package io.contexthub.subject;

import java.util.Set;

/**
 * A person as the hub knows them: the customer records that are them, every identifier they are known by, and
 * every document about them ({@code type|id}).
 */
public record Subject(Set<String> customers, Set<String> identifiers, Set<String> documents) {
}
