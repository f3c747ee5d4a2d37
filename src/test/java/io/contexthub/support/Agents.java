package io.contexthub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.time.Duration;

/** An agent's MCP client (the official Java SDK over streamable HTTP) for a hub at {@code base}. */
public final class Agents {

    private Agents() {
    }

    /** Not yet initialized; {@code token} null sends no Authorization header. */
    public static McpSyncClient client(String base, String token) {
        return client(base, token, java.util.Map.of());
    }

    /** Not yet initialized, sending {@code headers} with every request. */
    public static McpSyncClient client(String base, String token, java.util.Map<String, String> headers) {
        var transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .customizeRequest(request -> {
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    headers.forEach(request::header);
                }).build();
        // no tool declares an output schema, so there is nothing to validate
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30))
                .jsonSchemaValidator((schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null))
                .build();
    }
}
