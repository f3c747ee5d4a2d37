package io.contexthub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a record says, as a hash that ignores when and how the hub received it: the canonical JSON without
 * {@code provenance} and {@code updatedAt}, keys sorted. Two copies of an unchanged record hash alike even when
 * their versions differ — a Stripe list snapshot is versioned at the time the hub read it, so every re-read is
 * "newer" — which is how a {@link Tombstone} tells a genuine change from a re-observation of what was deleted.
 */
public final class RecordContent {

    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private RecordContent() {
    }

    public static String hash(String json) {
        try {
            JsonNode tree = SORTED.readTree(json);
            if (tree instanceof ObjectNode object) {
                object.remove("provenance");
                object.remove("updatedAt");
            }
            return sha256(SORTED.writeValueAsBytes(SORTED.treeToValue(tree, Map.class)));
        } catch (IOException e) {
            // not JSON: the bytes themselves
            return sha256(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
