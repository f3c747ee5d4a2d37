package io.contexthub;

import io.contexthub.embedding.OfflineMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ContextHubApplication {

    public static void main(String[] args) {
        OfflineMode.enable();
        SpringApplication.run(ContextHubApplication.class, args);
    }
}
