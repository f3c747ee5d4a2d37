package io.contexthub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.contexthub.platform.Assets;
import io.contexthub.platform.HubProperties;
import io.contexthub.support.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden test beside the mappings ({@link GoldenTests}, the same runner as {@code hub validate}), one test
 * per case, with the documented fixtures of ../shared/fixtures.
 */
class MappingGoldenTest {

    static final Path ASSETS = Path.of("").toAbsolutePath();
    /** Configured as Spring Boot configures the hub's mapper: instants as ISO-8601 strings. */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    static final Assets assets = new Assets(new HubProperties(Path.of("target"), ASSETS,
            HubProperties.Staging.spool, HubProperties.Store.lucene));
    static final GoldenTests golden = new GoldenTests(new MappingRunner(assets, JSON), new CanonicalSchemas(assets),
            JSON, name -> Fixtures.load(name).body());

    static List<GoldenTests.Case> cases() {
        List<GoldenTests.Case> cases = GoldenTests.cases(ASSETS);
        assertThat(cases).as("golden cases under mappings/").isNotEmpty();
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mappingProducesTheGoldenDocuments(GoldenTests.Case testCase) {
        assertThat(golden.check(testCase)).as(testCase.title()).isEmpty();
    }

    @Test
    void aDifferenceIsNamedByItsPlace() {
        var tree = JSON.createObjectNode();
        tree.putArray("emails").add("a@example.com");
        var other = tree.deepCopy();
        other.withArray("emails").set(0, JSON.getNodeFactory().textNode("b@example.com"));

        assertThat(GoldenTests.difference("", tree, other)).hasValue(
                "at /emails/0: expected \"a@example.com\", got \"b@example.com\"");
        assertThat(GoldenTests.difference("", JSON.getNodeFactory().numberNode(1),
                JSON.getNodeFactory().numberNode(1.0))).as("numbers by value").isEmpty();
        other.put("extra", true);
        assertThat(GoldenTests.difference("", other.deepCopy().without("extra"), other))
                .hasValue("at /extra: not expected, got true");
    }
}
