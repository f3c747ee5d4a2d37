package io.contexthub.access;

import org.springframework.security.core.AuthenticationException;

/** The identity provider's signing keys could not be fetched: the caller may be fine, the hub cannot tell now. */
final class IdentityProviderUnavailableException extends AuthenticationException {

    IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
