package io.contexthub.operations;

import io.contexthub.platform.ErrorBodies;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report, for what Tomcat refuses before any filter or route sees it (an encoded slash in a
 * path, an over-long request line or header, a malformed URI): the hub's JSON error body instead of Tomcat's
 * HTML page, and never a stack trace or a server version.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ErrorBodies.of(code(status), detail(status)).toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The connection is gone or the response was committed meanwhile: nothing more can be said.
        }
    }

    static String code(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http_" + status : known.name().toLowerCase(Locale.ROOT);
    }

    private static String detail(int status) {
        return status == 400
                ? "the request could not be parsed (malformed or encoded path, or request line/headers too large)"
                : "the request was refused by the HTTP server (" + status + ")";
    }
}
