package io.contexthub.webhook;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public FilterRegistrationBean<WebhookRequestFilter> webhookRequestFilter(WebhookProperties properties) {
        var registration = new FilterRegistrationBean<>(new WebhookRequestFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }
}
