package io.contexthub.connection;

/**
 * A connector whose credentials a person may hand over from the console or the API instead of configuration. Its
 * API client implements one of the two kinds ({@link OAuthConnectable}, {@link KeyConnectable}) and reads its
 * connection from {@link #connection()} each time it needs credentials. A connection wins over credentials in
 * configuration; removing it returns to them.
 */
public interface Connectable {

    /** The connector's name, as in {@code /api/connectors}. */
    String connector();

    /** Where its connection is stored and read from. */
    ConnectedCredential connection();

    /** Why it cannot be connected here (the settings an operator must set first), or null when it can. */
    String notConnectable();
}
