package io.contexthub.platform;

/**
 * A request the hub refuses (a webhook or an API call), with the HTTP status and the JSON error the caller
 * receives. The detail says what was wrong without revealing secrets or expected signatures.
 */
public class RequestRejectedException extends RuntimeException {

    private final int status;
    private final String error;

    public RequestRejectedException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }

    public static RequestRejectedException unauthorized(String error, String detail) {
        return new RequestRejectedException(401, error, detail);
    }

    public static RequestRejectedException notFound(String error, String detail) {
        return new RequestRejectedException(404, error, detail);
    }

    public static RequestRejectedException badRequest(String error, String detail) {
        return new RequestRejectedException(400, error, detail);
    }

    /** Rejections are expected traffic: a stack trace would only fill the logs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
