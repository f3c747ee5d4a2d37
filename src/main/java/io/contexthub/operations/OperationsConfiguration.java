package io.contexthub.operations;

import org.apache.catalina.Host;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    /** First of the webhook filters: a hub that is not ready answers before anything reads the body. */
    @Bean
    public FilterRegistrationBean<WebhookGate> webhookGate(ApplicationAvailability availability) {
        var registration = new FilterRegistrationBean<>(new WebhookGate(availability));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Document and customer ids may hold a slash (HubSpot's {@code customer:hubspot:contacts/60311}), which a path
     * segment can only carry encoded ({@code %2F}). Tomcat refuses an encoded slash by default; passed through, it
     * stays {@code %2F} while the path is matched (so it can never split a segment or climb out of one) and the API
     * decodes the one segment that is an id ({@link io.contexthub.platform.PathIds}).
     */
    @Bean
    public TomcatConnectorCustomizer encodedSlashesInIds() {
        return connector -> connector.setEncodedSolidusHandling(
                org.apache.tomcat.util.buf.EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /**
     * Tomcat as Spring Boot configures it, with the JSON error report in place of the HTML one. Declaring the
     * factory is the one way to reach the host before it starts; server.* settings still apply to it.
     */
    @Bean
    public TomcatServletWebServerFactory tomcatServletWebServerFactory(
            ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
            ObjectProvider<TomcatContextCustomizer> contextCustomizers,
            ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        var factory = new TomcatServletWebServerFactory() {
            @Override
            protected void prepareContext(Host host, ServletContextInitializer[] initializers) {
                ((StandardHost) host).setErrorReportValveClass(JsonErrorReportValve.class.getName());
                super.prepareContext(host, initializers);
            }
        };
        factory.getTomcatConnectorCustomizers().addAll(connectorCustomizers.orderedStream().toList());
        factory.getTomcatContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
        factory.getTomcatProtocolHandlerCustomizers().addAll(protocolHandlerCustomizers.orderedStream().toList());
        return factory;
    }
}
