package io.contexthub.webhook;

import io.contexthub.platform.ErrorBodies;
import io.contexthub.tracing.Traces;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any body is read, what the Camel ingress cannot handle as raw bytes: form and multipart
 * bodies (the HTTP binding would parse them into headers, destroying the signed bytes) and bodies larger than
 * the limit. What passes is read here, once, as bytes ({@link RawBodyRequest}). The request's trace context is
 * read here too, on the thread the server's span is current on, for the envelopes to carry ({@link #TRACEPARENT}).
 */
public class WebhookRequestFilter extends OncePerRequestFilter {

    /** The request attribute holding the request's W3C trace context, when it is traced. */
    static final String TRACEPARENT = WebhookRequestFilter.class.getName() + ".traceparent";

    private final long maxBodyBytes;
    private final Traces traces;

    public WebhookRequestFilter(long maxBodyBytes, Traces traces) {
        this.maxBodyBytes = maxBodyBytes;
        this.traces = traces;
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
        // Bodies without a declared length (chunked) are measured while they are read.
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        } catch (IOException stalledOrCut) {
            // A sender that stops half way (or a slow-body attack) is cut off by server.tomcat.connection-timeout.
            reject(response, 408, "body_incomplete", "the body did not arrive completely in time");
            return;
        }
        if (body.length > maxBodyBytes) {
            reject(response, 413, "payload_too_large", "the body has more than " + maxBodyBytes
                    + " bytes; the limit is " + maxBodyBytes);
            return;
        }
        String traceparent = traces.traceparent();
        if (traceparent != null) {
            request.setAttribute(TRACEPARENT, traceparent);
        }
        chain.doFilter(new RawBodyRequest(request, body), response);
    }

    private static boolean startsWith(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static void reject(HttpServletResponse response, int status, String error, String detail)
            throws IOException {
        ErrorBodies.write(response, status, error, detail);
    }
}
