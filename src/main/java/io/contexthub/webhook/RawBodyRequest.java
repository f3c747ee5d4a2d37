package io.contexthub.webhook;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.util.Optional;

/**
 * A webhook request whose body was read once, as bytes, before any route saw it. Signatures are computed over
 * exactly these bytes, and they reach the ingress unchanged whatever they hold: the HTTP binding would otherwise
 * decode them as text first, and a body with invalid UTF-8 broke that decoding into a 500 before the hub could
 * answer 400. The binding gets an empty reader.
 */
final class RawBodyRequest extends HttpServletRequestWrapper {

    static final String ATTRIBUTE = RawBodyRequest.class.getName();

    private final byte[] body;

    RawBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        request.setAttribute(ATTRIBUTE, body);
    }

    /** The raw body a webhook request arrived with, when it came through the filter. */
    static Optional<byte[]> of(HttpServletRequest request) {
        return Optional.ofNullable((byte[]) request.getAttribute(ATTRIBUTE));
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was already read");
            }
        };
    }

    /**
     * Empty: the HTTP binding reads the body through this reader into a String that nothing uses (the route takes
     * the raw bytes, {@link #of}); decoding every body and copying it twice was a seventh of what an ack allocated.
     */
    @Override
    public BufferedReader getReader() {
        return new BufferedReader(Reader.nullReader(), 1);
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
