package io.contexthub.platform;

/**
 * What an HTTP answer from a system the hub calls (a source's API, a token endpoint, OpenSearch) means for the
 * caller, decided in one place: every outbound client classifies its status codes here.
 */
public enum HttpOutcome {
    /** 2xx: use the answer */
    SUCCESS,
    /** the system is down, overloaded or rate-limiting (no answer, 408, 429, 5xx): retry with backoff */
    TRANSIENT,
    /** 401: the credentials expired or were revoked; retry once they are renewed */
    UNAUTHORIZED,
    /** any other 4xx (and anything unexpected): retrying changes nothing; fail with the system's reason */
    PERMANENT;

    /** {@code status} 0 stands for "no answer at all" (connection refused, timed out). */
    public static HttpOutcome of(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return TRANSIENT;
        }
        return status == 401 ? UNAUTHORIZED : PERMANENT;
    }

    /** A {@code Retry-After} header in seconds (the HTTP-date form is rare with APIs), else the fallback. */
    public static long retryAfterSeconds(String header, long fallback) {
        return header != null && header.trim().matches("\\d{1,6}") ? Long.parseLong(header.trim()) : fallback;
    }
}
