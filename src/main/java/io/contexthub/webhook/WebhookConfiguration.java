package io.contexthub.webhook;

import io.contexthub.staging.StagedSources;
import io.contexthub.tracing.Traces;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    public FilterRegistrationBean<WebhookRequestFilter> webhookRequestFilter(WebhookProperties properties,
                                                                             Traces traces) {
        var registration = new FilterRegistrationBean<>(new WebhookRequestFilter(properties.maxBodySize().toBytes(),
                traces));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }

    /** The topics staging needs for webhooks: every source, and every sender of every group. */
    @Bean
    public StagedSources webhookStagedSources(List<WebhookSource> sources, List<WebhookSourceGroup> groups) {
        return () -> {
            Set<String> names = new TreeSet<>();
            sources.forEach(s -> names.add(s.name()));
            groups.forEach(g -> g.sources().forEach(s -> names.add(s.name())));
            return names;
        };
    }
}
