package io.contexthub.webhook;

import io.contexthub.platform.ErrorBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any body is read, what the Camel ingress cannot handle as raw bytes: form and multipart
 * bodies (the HTTP binding would parse them into headers, destroying the signed bytes) and bodies declared
 * larger than the limit. Bodies sent without a length are still measured by the route.
 */
public class WebhookRequestFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;

    public WebhookRequestFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && (startsWith(contentType, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || startsWith(contentType, "multipart/"))) {
            reject(response, 415, "unsupported_media_type",
                    "webhooks are read as raw bytes; " + contentType + " bodies are not accepted");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            reject(response, 413, "payload_too_large", "the body has " + request.getContentLengthLong()
                    + " bytes; the limit is " + maxBodyBytes);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean startsWith(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static void reject(HttpServletResponse response, int status, String error, String detail)
            throws IOException {
        ErrorBodies.write(response, status, error, detail);
    }
}
