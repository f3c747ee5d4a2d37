package io.contexthub.webhook;

import io.contexthub.mapping.MappingDirectoryResolver;
import io.contexthub.tenant.Tenants;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * The webhook sources of every tenant besides the default one. Each tenant gets the same sources the hub has, built
 * by the same classes from its own settings: {@code hub.tenants.<id>.webhooks.*} is read as if it were
 * {@code hub.webhooks.*} (and nothing of the default tenant's secrets is visible to it), in a small bean factory of
 * the tenant's own whose parent is the hub's. A source added to the hub is therefore a tenant's source too,
 * with no code here naming it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TenantWebhookSources implements MappingDirectoryResolver, DisposableBean {

    private static final String WEBHOOKS = "hub.webhooks";

    private final Tenants tenants;
    private final Map<String, DefaultListableBeanFactory> contexts = new LinkedHashMap<>();
    private final Map<String, List<WebhookSource>> sources = new TreeMap<>();
    private final Map<String, List<MappingDirectoryResolver>> resolvers = new TreeMap<>();

    public TenantWebhookSources(ConfigurableApplicationContext hub, Tenants tenants) {
        this.tenants = tenants;
        for (String tenant : tenants.configured()) {
            DefaultListableBeanFactory context = open(hub, tenant);
            contexts.put(tenant, context);
            List<WebhookSource> own = new ArrayList<>(context.getBeansOfType(WebhookSource.class).values());
            context.getBeansOfType(WebhookSourceGroup.class).values().forEach(g -> own.addAll(g.sources()));
            sources.put(tenant, List.copyOf(own));
            resolvers.put(tenant, List.copyOf(context.getBeansOfType(MappingDirectoryResolver.class).values()));
        }
    }

    /** The sources of a tenant other than the default one, which has the hub's own beans. */
    public List<WebhookSource> of(String tenant) {
        return sources.getOrDefault(tenant, List.of());
    }

    /** A tenant's Standard Webhooks senders may name their own mapping directory, as the default tenant's do. */
    @Override
    public Optional<String> directory(String source) {
        String tenant = tenants.current();
        return resolvers.getOrDefault(tenant, List.of()).stream().map(r -> r.directory(source))
                .flatMap(Optional::stream).findFirst();
    }

    /**
     * A bean factory of the tenant's own (a factory, not an application context: it publishes no events to the hub's
     * listeners), whose environment holds only the tenant's settings.
     */
    private static DefaultListableBeanFactory open(ConfigurableApplicationContext hub, String tenant) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("hub.tenants." + tenant + ".webhooks",
                settings(hub, "hub.tenants." + tenant + ".webhooks")));
        Binder binder = new Binder(ConfigurationPropertySources.from(environment.getPropertySources()));
        DefaultListableBeanFactory context = new DefaultListableBeanFactory(hub.getBeanFactory());
        context.setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());
        context.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, environment);
        for (Class<?> type : List.of(WebhookSource.class, WebhookSourceGroup.class)) {
            for (String name : hub.getBeanNamesForType(type)) {
                Class<?> source = hub.getType(name);
                for (Class<?> parameter : constructor(source).getParameterTypes()) {
                    ConfigurationProperties settings = parameter.getAnnotation(ConfigurationProperties.class);
                    if (settings != null && !context.containsLocalBean(beanName(hub, parameter))) {
                        context.registerSingleton(beanName(hub, parameter),
                                binder.bindOrCreate(settings.prefix().isEmpty() ? settings.value()
                                        : settings.prefix(), Bindable.of(parameter)));
                    }
                }
                RootBeanDefinition definition = new RootBeanDefinition(source);
                definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
                context.registerBeanDefinition(name, definition);
            }
        }
        context.preInstantiateSingletons();
        return context;
    }

    /**
     * The tenant's settings under {@code prefix}, renamed to {@code hub.webhooks.*}; the hub's sources of settings
     * (files, environment) in their order of precedence, the first that names a setting deciding it.
     */
    private static Map<String, Object> settings(ConfigurableApplicationContext hub, String prefix) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
        Map<String, Object> renamed = new LinkedHashMap<>();
        for (var source : ConfigurationPropertySources.get(hub.getEnvironment())) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(root::isAncestorOf).forEach(name -> {
                    String own = WEBHOOKS + name.toString().substring(root.toString().length());
                    renamed.putIfAbsent(own, iterable.getConfigurationProperty(name).getValue());
                });
            }
        }
        return renamed;
    }

    /** The name the hub gave its bean of this type, so the tenant's bean hides it instead of sitting beside it. */
    private static String beanName(ConfigurableApplicationContext hub, Class<?> type) {
        String[] names = hub.getBeanNamesForType(type);
        return names.length == 1 ? names[0] : type.getName();
    }

    private static Constructor<?> constructor(Class<?> type) {
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " needs exactly one public constructor to be built per "
                    + "tenant");
        }
        return constructors[0];
    }

    @Override
    public void destroy() {
        contexts.values().forEach(DefaultListableBeanFactory::destroySingletons);
    }
}
