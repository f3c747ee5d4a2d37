package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged route set, listed file by file: the same list whether the classpath is a directory (these tests)
 * or the jar (RouteLoadingIT proves the jar loads it).
 */
class RouteFilesTest {

    @Test
    void eachBusGetsTheTopLevelRoutesItsOwnConsumerAndTheConnectorsRoutes() {
        List<String> spool = RouteFiles.locations(RouteFiles.PACKAGED, "spool");
        List<String> kafka = RouteFiles.locations(RouteFiles.PACKAGED, "kafka");

        assertThat(spool).contains("classpath:hub/routes/templates.yaml", "classpath:hub/routes/processing.yaml",
                "classpath:hub/routes/staging/spool.yaml").doesNotContain("classpath:hub/routes/staging/kafka.yaml");
        assertThat(kafka).contains("classpath:hub/routes/staging/kafka.yaml")
                .doesNotContain("classpath:hub/routes/staging/spool.yaml");
        assertThat(spool).contains("classpath:hub/connectors/salesforce/routes.yaml")
                .doesNotContain("classpath:hub/connectors/salesforce/changes.yaml");
        assertThat(spool.size()).isEqualTo(kafka.size());
    }
}
