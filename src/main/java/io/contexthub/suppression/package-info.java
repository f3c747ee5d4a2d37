/**
 * Suppression of erased people: keyed hashes of their identifiers (never the identifiers), checked where data
 * enters the hub (staging, for webhooks and syncs alike) and again before documents are written, so later
 * deliveries about an erased person are dropped and counted. Depends on nothing of what feeds or reads it.
 */
package io.contexthub.suppression;
