package io.contexthub.platform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The JSON error body every refusal carries: {@code {"error": "...", "detail": "..."}}. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static ObjectNode of(String error, String detail) {
        return JsonNodeFactory.instance.objectNode().put("error", error).put("detail", detail);
    }

    /** For servlet filters that answer before any route runs. */
    public static void write(HttpServletResponse response, int status, String error, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(of(error, detail).toString());
    }
}
