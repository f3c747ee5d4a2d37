package io.contexthub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpOutcomeTest {

    @ParameterizedTest
    @CsvSource({"200, SUCCESS", "204, SUCCESS", "0, TRANSIENT", "408, TRANSIENT", "429, TRANSIENT",
        "500, TRANSIENT", "503, TRANSIENT", "401, UNAUTHORIZED", "400, PERMANENT", "403, PERMANENT",
        "404, PERMANENT", "409, PERMANENT", "301, PERMANENT"})
    void everyOutboundClientReadsAStatusTheSameWay(int status, HttpOutcome expected) {
        assertThat(HttpOutcome.of(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(value = {"7, 7", " 12 , 12", "NULL, 1", "'Wed, 21 Oct 2026 07:28:00 GMT', 1", "-3, 1",
        "9999999999, 1"}, nullValues = "NULL")
    void retryAfterInSecondsOrTheFallback(String header, long seconds) {
        assertThat(HttpOutcome.retryAfterSeconds(header, 1)).isEqualTo(seconds);
    }
}
