package io.contexthub;

import io.contexthub.cli.HubCli;
import io.contexthub.embedding.OfflineMode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ContextHubApplication {

    public static void main(String[] args) {
        if (HubCli.handles(args)) {
            // an integrator's command (docs/cli.md): run it and exit, no server
            System.exit(HubCli.run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
        }
        OfflineMode.enable();
        try {
            SpringApplication.run(ContextHubApplication.class, args);
        } catch (RuntimeException startupFailed) {
            // Spring has logged why and closed the context; a thread some library left running must not keep a
            // hub that refused to start alive (an orchestrator restarts it or reports it).
            System.exit(1);
        }
    }
}
