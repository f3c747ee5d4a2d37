package io.contexthub.access;

import io.contexthub.platform.RequestRejectedException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do (docs/security.md#roles). Roles nest: an admin may do everything; an operator everything a
 * reader may, plus running syncs, dead letters and identity repairs; a writer everything a reader may, plus
 * publishing; a reader searches and reads context.
 */
public enum Role {
    READER(Set.of()),
    WRITER(Set.of(READER)),
    OPERATOR(Set.of(READER)),
    ADMIN(Set.of(READER, WRITER, OPERATOR));

    private final Set<Role> includes;

    Role(Set<Role> includes) {
        this.includes = includes;
    }

    /** Whether a caller with this role may do what {@code required} may. */
    public boolean covers(Role required) {
        return this == required || includes.contains(required);
    }

    /** As it appears in the API, keys and JWT claims: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        return Arrays.stream(values()).filter(role -> role.id().equals(text)).findFirst()
                .orElseThrow(() -> RequestRejectedException.badRequest("invalid_role",
                        "role must be one of admin, operator, writer, reader"));
    }
}
