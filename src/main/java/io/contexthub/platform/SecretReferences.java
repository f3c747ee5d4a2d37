package io.contexthub.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A secret in configuration may name where it is instead of being it: {@code file:/run/secrets/hub-token} (a
 * secret manager's mounted file; trailing line breaks dropped) or {@code env:HUB_FRONT_SECRET} (an environment
 * variable). Anything else is the secret itself. A reference that leads nowhere stops the start: the binding error
 * names the property.
 */
public final class SecretReferences {

    private static final String FILE = "file:";
    private static final String ENV = "env:";

    private SecretReferences() {
    }

    public static String resolve(String value) {
        return resolve(value, System::getenv);
    }

    static String resolve(String value, UnaryOperator<String> environment) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.startsWith(FILE)) {
            Path file = Path.of(trimmed.substring(FILE.length()));
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("the secret file " + file + " cannot be read (" + e.getClass()
                        .getSimpleName() + ")");
            }
        }
        if (trimmed.startsWith(ENV)) {
            String name = trimmed.substring(ENV.length());
            String found = environment.apply(name);
            if (found == null || found.isBlank()) {
                throw new IllegalArgumentException("the environment variable " + name + " named for a secret is "
                        + "not set");
            }
            return found.strip();
        }
        return value;
    }
}
