package io.contexthub.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    public FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiProperties properties) {
        var registration = new FilterRegistrationBean<>(new ApiTokenFilter(properties.token()));
        registration.addUrlPatterns("/api/*", "/mcp", "/mcp/*");
        if (properties.protectMetrics()) {
            registration.addUrlPatterns("/actuator/prometheus");
        }
        return registration;
    }
}
