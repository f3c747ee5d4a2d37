package io.contexthub.connection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A source connected with a key a person enters once (an API key, a service account's JSON key). */
public interface KeyConnectable extends Connectable {

    /** The fields of the request that carries the key, e.g. {@code apiKey}. */
    List<String> fields();

    /**
     * Checks the key's form and that the provider takes it; the key's form wrong or the provider refusing it is a
     * {@code PermanentFailureException} saying why, the provider unreachable a {@code TransientFailureException}.
     */
    Connection accept(JsonNode request);
}
