package io.contexthub.connection;

import java.net.URI;

/**
 * A source connected with the OAuth authorization-code flow: the browser goes to the provider's consent page, comes
 * back to the redirect URI with a code, and the hub exchanges the code for the tokens it stores. The OAuth app
 * itself (client id and secret) comes from configuration.
 */
public interface OAuthConnectable extends Connectable {

    /** Whether the provider takes a PKCE challenge (RFC 7636, S256) with the authorization request. */
    boolean pkce();

    /**
     * The provider's consent page for this app.
     *
     * @param codeChallenge the S256 challenge, null when {@link #pkce()} is false
     */
    URI authorizationUrl(String redirectUri, String state, String codeChallenge);

    /**
     * Exchanges the code at the provider's token endpoint; a refusal is a {@code PermanentFailureException} with
     * the provider's answer, trouble reaching it a {@code TransientFailureException}.
     *
     * @param codeVerifier the PKCE verifier, null when {@link #pkce()} is false
     */
    Connection exchange(String code, String redirectUri, String codeVerifier);
}
