package io.contexthub.operations;

import io.contexthub.platform.ErrorBodies;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet error page: whatever Spring MVC or the servlet container refused without a route answering (an
 * unknown path, a method a path does not take, an unexpected failure) gets the hub's {@code {"error","detail"}}
 * body instead of Spring Boot's default shape. Internal failures say nothing about their cause.
 */
@RestController
public class JsonErrors implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBodies.of(JsonErrorReportValve.code(status), detail(status, request.getMethod(), path))
                        .toString());
    }

    private static String detail(int status, String method, String path) {
        return switch (status) {
            case 404 -> "nothing is served at " + path;
            case 405 -> method + " is not allowed on " + path;
            case 406 -> path + " answers application/json only";
            case 415 -> "the content type is not accepted on " + path;
            default -> status >= 500 ? "the hub could not process the request"
                    : HttpStatus.valueOf(status).getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
