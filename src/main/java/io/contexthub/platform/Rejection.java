package io.contexthub.platform;

/**
 * Why one staged envelope cannot be processed, kept until its batch is through so that an infrastructure
 * failure of the batch, which sends the whole batch back to staging, never writes the same dead letter twice.
 *
 * @param staged    the envelope exactly as it was staged
 * @param stage     the pipeline stage that refused it (map, validate, render, publish)
 * @param route     the route it failed in
 * @param causeType the exception class, or the kind of refusal
 * @param message   the cause, precise enough to fix the input or the mapping
 */
public record Rejection(byte[] staged, String stage, String route, String causeType, String message) {
}
