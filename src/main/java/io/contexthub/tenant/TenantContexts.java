package io.contexthub.tenant;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Beans of a tenant's own, built by the hub's classes from the tenant's settings: {@code hub.tenants.<id>.<area>.*}
 * is read as {@code hub.<area>.*} in a small application context whose bean factory falls back on the hub's (clock,
 * JSON mapper, the tenant-routed stores), so the tenant's webhook sources and sync streams are the hub's, configured
 * for it. Nothing of the default tenant's settings under {@code hub.<area>} is visible to it. The context has no
 * parent context: its refresh publishes nothing to the hub's listeners, and it starts nothing of the hub's.
 */
public final class TenantContexts {

    private TenantContexts() {
    }

    /** The tenant's settings under {@code hub.tenants.<tenant>.<area>}, named as under {@code hub.<area>}. */
    public static Map<String, Object> settings(ConfigurableApplicationContext hub, String tenant, String area) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of("hub.tenants." + tenant + "." + area);
        Map<String, Object> renamed = new LinkedHashMap<>();
        // the hub's sources of settings in their order of precedence: the first that names a setting decides it
        for (var source : ConfigurationPropertySources.get(hub.getEnvironment())) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(root::isAncestorOf).forEach(name -> renamed.putIfAbsent(
                        "hub." + area + name.toString().substring(root.toString().length()),
                        iterable.getConfigurationProperty(name).getValue()));
            }
        }
        return renamed;
    }

    /**
     * Builds and refreshes the tenant's context.
     *
     * @param beans    the hub's bean names to build again for the tenant, with the class that defines each (a
     *                 {@code @Configuration} class for beans made by its {@code @Bean} methods)
     * @param defaults property sources of the hub to keep below the tenant's settings (defaults, never secrets)
     * @param own      objects of the tenant's own that take the place of the hub's beans of the same names
     */
    public static GenericApplicationContext open(ConfigurableApplicationContext hub, String tenant, String area,
                                                 Map<String, Class<?>> beans, List<PropertySource<?>> defaults,
                                                 Map<String, Object> own) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("hub.tenants." + tenant + "." + area,
                settings(hub, tenant, area)));
        defaults.forEach(environment.getPropertySources()::addLast);
        Binder binder = new Binder(ConfigurationPropertySources.from(environment.getPropertySources()));
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory(hub.getBeanFactory());
        GenericApplicationContext context = new GenericApplicationContext(factory);
        context.setEnvironment(environment);
        context.setDisplayName("tenant " + tenant + " " + area);
        AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
        own.forEach(factory::registerSingleton);
        beans.forEach((name, type) -> {
            for (Class<?> settingsType : settingsTypes(type)) {
                String settingsName = beanName(hub, settingsType);
                if (!factory.containsSingleton(settingsName)) {
                    ConfigurationProperties annotation = settingsType.getAnnotation(ConfigurationProperties.class);
                    String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                    factory.registerSingleton(settingsName, binder.bindOrCreate(prefix, Bindable.of(settingsType)));
                }
            }
            context.registerBean(name, type);
        });
        context.refresh();
        return context;
    }

    /** The settings records a class takes, in its constructors and its {@code @Bean} methods. */
    private static List<Class<?>> settingsTypes(Class<?> type) {
        List<Executable> takers = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Bean.class)) {
                takers.add(method);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (Executable taker : takers) {
            for (Class<?> parameter : taker.getParameterTypes()) {
                if (parameter.isAnnotationPresent(ConfigurationProperties.class) && !types.contains(parameter)) {
                    types.add(parameter);
                }
            }
        }
        return types;
    }

    /** The name the hub gave its bean of this type, so the tenant's bean hides it instead of sitting beside it. */
    private static String beanName(ConfigurableApplicationContext hub, Class<?> type) {
        String[] names = hub.getBeanNamesForType(type);
        return names.length == 1 ? names[0] : type.getName();
    }

    /**
     * What to register in a tenant's context for a hub bean: the bean's own name and class, or, for a bean a
     * {@code @Bean} method makes, the configuration class under its name (its methods then make the bean again).
     */
    public static Map.Entry<String, Class<?>> definition(ConfigurableApplicationContext hub, String name) {
        String factory = hub.getBeanFactory().getBeanDefinition(name).getFactoryBeanName();
        String defining = factory != null ? factory : name;
        return Map.entry(defining, hub.getType(defining));
    }
}
