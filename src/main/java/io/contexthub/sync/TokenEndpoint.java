package io.contexthub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * An OAuth token endpoint, called with a form: the answer's JSON on 200; 429, 5xx and network trouble are transient
 * (the sync retries); any other refusal is permanent, with the provider's answer and what the operator should do.
 */
public final class TokenEndpoint {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper;

    public TokenEndpoint(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param provider who is asked, for messages
     * @param refused  what to tell the operator when the credentials are refused
     */
    public JsonNode post(URI url, Map<String, String> headers, String form, String provider, String refused) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientFailureException(provider + " token endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("interrupted while asking " + provider + " for a token", e);
        }
        HttpOutcome outcome = HttpOutcome.of(response.statusCode());
        if (outcome == HttpOutcome.TRANSIENT) {
            throw new TransientFailureException(provider + " token endpoint answered " + response.statusCode(), null);
        }
        if (outcome != HttpOutcome.SUCCESS) {
            throw new PermanentFailureException(provider + " refused the credentials (" + response.statusCode() + ": "
                    + response.body() + "); " + refused);
        }
        try {
            JsonNode token = mapper.readTree(response.body());
            if (!token.hasNonNull("access_token")) {
                throw new PermanentFailureException(provider + "'s token answer has no access_token");
            }
            return token;
        } catch (IOException e) {
            throw new TransientFailureException(provider + "'s token answer is not JSON", e);
        }
    }
}
