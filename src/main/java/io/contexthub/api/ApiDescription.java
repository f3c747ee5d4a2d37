package io.contexthub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.contexthub.platform.HttpReplies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the HTTP API, written by hand in
 * {@code openapi/openapi.yaml} (the routes are Camel's, not annotated controllers) and checked against the running
 * routes by ApiDescriptionTest; {@code GET /api/docs}: Swagger UI (the swagger-ui webjar) showing it.
 */
@Component("apiDescription")
public class ApiDescription {

    static final String SOURCE = "openapi/openapi.yaml";
    private static final String WEBJAR = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final byte[] json;
    private final byte[] page;

    public ApiDescription(ObjectMapper mapper) {
        try (InputStream in = new ClassPathResource(SOURCE).getInputStream()) {
            JsonNode description = new YAMLMapper().readTree(in);
            this.json = mapper.writeValueAsBytes(description);
        } catch (IOException e) {
            throw new UncheckedIOException("the API description " + SOURCE + " cannot be read", e);
        }
        this.page = page(swaggerUiVersion()).getBytes(StandardCharsets.UTF_8);
    }

    public void json(Exchange exchange) {
        HttpReplies.bytes(exchange, 200, "application/json", json);
    }

    public void docs(Exchange exchange) {
        HttpReplies.bytes(exchange, 200, "text/html; charset=utf-8", page);
    }

    private static String swaggerUiVersion() {
        try (InputStream in = new ClassPathResource(WEBJAR).getInputStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the swagger-ui webjar is missing", e);
        }
    }

    private static String page(String version) {
        String assets = "/webjars/swagger-ui/" + version;
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Context Hub API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="api"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script>
                    // "Authorize" takes an API key; the description itself is public
                    SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#api", persistAuthorization: false});
                  </script>
                </body>
                </html>
                """.formatted(assets);
    }
}
