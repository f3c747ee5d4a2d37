package io.contexthub.webhook;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A webhook request whose body was read once, as bytes, before any route saw it. Signatures are computed over
 * exactly these bytes, and they reach the ingress unchanged whatever they hold: the HTTP binding would otherwise
 * decode them as text first, and a body with invalid UTF-8 broke that decoding into a 500 before the hub could
 * answer 400. The binding still gets a reader (lenient: malformed bytes become U+FFFD), but nothing uses it.
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

    @Override
    public BufferedReader getReader() {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), decoder));
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
