package io.contexthub.connector.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contexthub.connection.ConnectedCredential;
import io.contexthub.connection.Connection;
import io.contexthub.connection.ConnectionVault;
import io.contexthub.connection.KeyConnectable;
import io.contexthub.platform.PermanentFailureException;
import io.contexthub.sync.CheckpointStore;
import io.contexthub.sync.OAuthApi;
import io.contexthub.sync.RateBudget;
import io.contexthub.sync.SyncApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The GA4 Data API with a service account (two-legged OAuth): a JWT signed RS256 with the account's private key
 * ({@code iss} = client_email, {@code scope} = analytics.readonly, {@code aud} = the token endpoint, one hour) is
 * exchanged at Google's token endpoint for an access token, again shortly before it expires or when GA4 refuses it.
 */
@Component
public class Ga4Api extends OAuthApi implements KeyConnectable {

    static final String CONNECTOR = "ga4";
    static final String FIELD = "serviceAccountKey";
    static final String SECRET = "service_account_key";
    static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration EARLY_REFRESH = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(Ga4Api.class);

    private final Ga4Properties properties;
    private final ObjectMapper mapper;
    private final ConnectedCredential connection;

    public Ga4Api(Ga4Properties properties, CheckpointStore checkpoints, ConnectionVault vault, Clock clock,
                  ObjectMapper mapper) {
        super(CONNECTOR, new RateBudget(CONNECTOR, properties.requestsPerMinute(), properties.requestsPerMinute(),
                clock), EARLY_REFRESH, clock, mapper);
        this.properties = properties;
        this.mapper = mapper;
        this.connection = new ConnectedCredential(CONNECTOR, checkpoints, vault, clock, mapper);
    }

    @Override
    public boolean configured() {
        return properties.configured() || (properties.readyForKey() && connection.current().isPresent());
    }

    @Override
    protected String credentialsVersion() {
        return connection.version();
    }

    @Override
    public ConnectedCredential connection() {
        return connection;
    }

    @Override
    public String notConnectable() {
        return properties.readyForKey() ? null : "set hub.connectors.ga4.property-id (and its reports) to connect GA4";
    }

    @Override
    public List<String> fields() {
        return List.of(FIELD);
    }

    /**
     * A service account's JSON key (the object, or its text), taken once Google has exchanged a token for it: the
     * proof that the account exists and the key is current.
     */
    @Override
    public Connection accept(JsonNode request) {
        JsonNode field = request.path(FIELD);
        JsonNode key;
        try {
            key = field.isObject() ? field : mapper.readTree(field.asText(""));
        } catch (IOException e) {
            key = null;
        }
        if (key == null || !key.isObject() || !"service_account".equals(key.path("type").asText())
                || key.path("client_email").asText("").isBlank() || key.path("private_key").asText("").isBlank()) {
            throw new PermanentFailureException(FIELD + " must be a service account's JSON key (type "
                    + "service_account, with client_email and private_key), as Google Cloud downloads it");
        }
        exchange(key);
        return Connection.of(Map.of(SECRET, key.toString()), key.path("client_email").asText());
    }

    @Override
    protected AccessToken fetchToken() {
        return exchange(readKey());
    }

    @Override
    public boolean mayCall(URI url) {
        return SyncApi.sameOrigin(properties.baseUrl(), url);
    }

    private JsonNode readKey() {
        String connected = connection.secret(SECRET);
        if (connected != null) {
            try {
                return mapper.readTree(connected);
            } catch (IOException e) {
                throw new PermanentFailureException("the connected service account key is not JSON; connect GA4 "
                        + "again", e);
            }
        }
        if (properties.serviceAccountKey() == null) {
            throw new PermanentFailureException("hub.connectors.ga4.service-account-key is not set");
        }
        try {
            return mapper.readTree(Files.readAllBytes(properties.serviceAccountKey()));
        } catch (IOException e) {
            throw new PermanentFailureException("hub.connectors.ga4.service-account-key: cannot read "
                    + properties.serviceAccountKey() + ": " + e.getMessage(), e);
        }
    }

    private AccessToken exchange(JsonNode key) {
        String email = key.path("client_email").asText("");
        URI tokenUrl = key.hasNonNull("token_uri") && properties.tokenUrl().toString().equals("https://oauth2.googleapis.com/token")
                ? URI.create(key.path("token_uri").asText()) : properties.tokenUrl();
        Instant now = clock.instant();
        String assertion = jwt(email, tokenUrl, now, privateKey(key.path("private_key").asText("")));
        String form = "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8) + "&assertion=" + assertion;
        JsonNode token = tokens.post(tokenUrl, Map.of(), form, "Google",
                "check that the service account " + email + " exists and its key is current");
        Instant expiresAt = now.plusSeconds(token.path("expires_in").asLong(LIFETIME.toSeconds()));
        log.info("GA4 access token for {} obtained; valid until {}", email, expiresAt);
        return new AccessToken(token.path("access_token").asText(), expiresAt);
    }

    /** header.claims.signature, each base64url without padding, signed RS256 (RFC 7519, Google's service accounts). */
    String jwt(String email, URI audience, Instant now, PrivateKey key) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(mapper.createObjectNode().put("iss", email).put("scope", SCOPE)
                .put("aud", audience.toString()).put("iat", now.getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond()).toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + encoder.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new PermanentFailureException("cannot sign the GA4 token request: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PermanentFailureException("hub.connectors.ga4.service-account-key: private_key is not a PKCS#8 "
                    + "RSA key", e);
        }
    }
}
