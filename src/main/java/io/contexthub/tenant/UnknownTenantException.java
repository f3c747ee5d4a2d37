package io.contexthub.tenant;

/** A tenant id that names no configured tenant. */
public class UnknownTenantException extends RuntimeException {

    private final String tenant;

    public UnknownTenantException(String tenant) {
        super("no tenant '" + tenant + "' is configured (hub.tenants." + tenant + ".*)");
        this.tenant = tenant;
    }

    public String tenant() {
        return tenant;
    }
}
