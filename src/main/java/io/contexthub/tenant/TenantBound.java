package io.contexthub.tenant;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of something per tenant (a store, an identity table), opened for every tenant at start so a tenant
 * that cannot be opened stops the hub at once. {@link #proxy} gives the rest of the hub one object that works on the
 * current tenant's instance: what uses a store does not change when tenants are added.
 *
 * @param <T> what is kept per tenant
 */
public final class TenantBound<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantBound.class);

    private final Tenants tenants;
    private final Map<String, T> instances = new LinkedHashMap<>();

    public TenantBound(Tenants tenants, Function<String, T> open) {
        this.tenants = tenants;
        for (String id : tenants.ids()) {
            instances.put(id, open.apply(id));
        }
    }

    /** The current tenant's instance. */
    public T current() {
        return of(tenants.current());
    }

    public T of(String tenant) {
        T instance = instances.get(tenant);
        if (instance == null) {
            throw new UnknownTenantException(tenant);
        }
        return instance;
    }

    /**
     * An object of {@code type} whose every call goes to the current tenant's instance (the routing a multi-tenant
     * data source does by a lookup key). Closing it closes every tenant's instance.
     */
    @SuppressWarnings("unchecked")
    public <P> P proxy(Class<P> type) {
        Class<?>[] interfaces = AutoCloseable.class.isAssignableFrom(type) ? new Class<?>[] {type}
                : new Class<?>[] {type, AutoCloseable.class};
        return (P) Proxy.newProxyInstance(type.getClassLoader(), interfaces, new Routing(type));
    }

    /** The instance an object made by {@link #proxy} works on now (what it is, for diagnostics); else the object. */
    public static Object target(Object object) {
        if (Proxy.isProxyClass(object.getClass()) && Proxy.getInvocationHandler(object) instanceof TenantBound<?>.Routing
                routing) {
            return routing.bound().current();
        }
        return object;
    }

    /** Sends every call to the current tenant's instance; closing closes them all. */
    private final class Routing implements InvocationHandler {

        private final Class<?> type;

        Routing(Class<?> type) {
            this.type = type;
        }

        TenantBound<T> bound() {
            return TenantBound.this;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, type);
            }
            if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                close();
                return null;
            }
            try {
                return method.invoke(current(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Class<?> type) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> type.getSimpleName() + " of the current tenant";
        };
    }

    @Override
    public void close() {
        for (Map.Entry<String, T> entry : instances.entrySet()) {
            if (entry.getValue() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("tenant {}: {} did not close cleanly", entry.getKey(), closeable.getClass().getSimpleName(),
                            e);
                }
            }
        }
    }
}
