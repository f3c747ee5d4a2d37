package io.contexthub.connection;

import io.contexthub.platform.HttpOutcome;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.platform.TransientFailureException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks a provider whether it takes a key before the hub stores it: one cheap read with it. A refusal is permanent,
 * with the provider's answer; 429, 5xx and network trouble are transient (ask again later).
 */
public final class ProviderCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ProviderCheck() {
    }

    /** @param refused what to tell the person when the provider refuses, before its own answer */
    public static void get(URI url, Map<String, String> headers, String provider, String refused) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientFailureException(provider + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while asking " + provider, e);
        }
        HttpOutcome outcome = HttpOutcome.of(response.statusCode());
        if (outcome == HttpOutcome.TRANSIENT) {
            throw new TransientFailureException(provider + " answered " + response.statusCode(), null);
        }
        if (outcome != HttpOutcome.SUCCESS) {
            throw new PermanentFailureException(refused + " (" + provider + " answered " + response.statusCode() + ": "
                    + abbreviated(response.body()) + ")");
        }
    }

    private static String abbreviated(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
