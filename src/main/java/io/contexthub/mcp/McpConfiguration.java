package io.contexthub.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.access.Grant;
import io.contexthub.access.Grants;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Model Context Protocol server at {@code /mcp} (streamable HTTP, the official Java SDK's servlet transport),
 * behind the same access control as {@code /api} (api/ApiConfiguration, access/AccessPolicy). Tools: {@link ContextTools}.
 */
@Configuration(proxyBeanMethods = false)
public class McpConfiguration {

    static final String ENDPOINT = "/mcp";

    /** Destroyed with the application: its session sweeper is a non-daemon thread that would keep the JVM alive. */
    @Bean(destroyMethod = "destroy")
    public HttpServletStreamableServerTransportProvider mcpTransport(ObjectMapper mapper) {
        return HttpServletStreamableServerTransportProvider.builder().jsonMapper(new JacksonMcpJsonMapper(mapper))
                .mcpEndpoint(ENDPOINT)
                // every tool answers within the caller's grant (its role was checked by the access policy)
                .contextExtractor(request -> McpTransportContext.create(
                        request.getAttribute(Grant.ATTRIBUTE) == null ? Map.of()
                                : Map.of(ContextTools.GRANT, Grants.of(request))))
                .build();
    }

    @Bean
    public ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider transport) {
        var registration = new ServletRegistrationBean<>(transport, ENDPOINT, ENDPOINT + "/*");
        registration.setAsyncSupported(true);
        registration.setName("mcp");
        return registration;
    }

    @Bean(destroyMethod = "close")
    public McpSyncServer mcpServer(HttpServletStreamableServerTransportProvider transport, ContextTools tools,
                                   ObjectMapper mapper) {
        var json = new JacksonMcpJsonMapper(mapper);
        return McpServer.sync(transport)
                .serverInfo("context-hub", "0.1.0")
                .instructions("Customer context from the business's own tools (support conversations, CRM, "
                        + "billing, product analytics). Start with get_customer_context when you know who the "
                        + "customer is (any e-mail works); use search_context to find something by meaning.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                // no tool declares an output schema, so there is nothing to validate (see pom.xml)
                .jsonSchemaValidator(acceptAll())
                .tools(tools.specifications(json))
                .build();
    }

    static JsonSchemaValidator acceptAll() {
        return (schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null);
    }
}
