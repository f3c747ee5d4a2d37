package io.contexthub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** How the console's templates show times and JSON ({@code ${@consoleFormat.ago(...)}}). */
@Component("consoleFormat")
public class ConsoleFormat {

    private final Clock clock;
    private final ObjectMapper mapper;

    public ConsoleFormat(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    /** "42 s ago", "3 min ago", "5 h ago", "2 d ago"; "never" for nothing; the text itself when it is not a time. */
    public String ago(Object time) {
        String instant = time == null ? null : time.toString();
        if (instant == null || instant.isBlank() || "null".equals(instant)) {
            return "never";
        }
        try {
            Duration age = Duration.between(Instant.parse(instant), clock.instant());
            if (age.isNegative()) {
                return "just now";
            }
            long seconds = age.toSeconds();
            if (seconds < 120) {
                return seconds + " s ago";
            }
            if (seconds < 7200) {
                return seconds / 60 + " min ago";
            }
            if (seconds < 172_800) {
                return seconds / 3600 + " h ago";
            }
            return seconds / 86_400 + " d ago";
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** A lag in seconds as "12 s", "4 min", "3 h". */
    public String duration(Object seconds) {
        if (!(seconds instanceof Number number)) {
            return "—";
        }
        long s = number.longValue();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    /** How long from one instant to another: "850 ms", "42 s", "3 min 5 s". */
    public String between(Object from, Object to) {
        try {
            Duration took = Duration.between(Instant.parse(String.valueOf(from)), Instant.parse(String.valueOf(to)));
            long ms = took.toMillis();
            return ms < 1000 ? ms + " ms" : ms < 120_000 ? ms / 1000 + " s" : ms / 60_000 + " min " + ms / 1000 % 60 + " s";
        } catch (DateTimeParseException e) {
            return "—";
        }
    }

    /** Indented JSON for a {@code <pre>}. */
    public String json(Object node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return String.valueOf(node);
        }
    }

    /** Percent done of a sync with a known total; -1 when the source does not say. */
    public int percent(Map<String, Object> stream) {
        long total = stream.get("total") instanceof Number n ? n.longValue() : 0;
        long done = stream.get("recordsDone") instanceof Number n ? n.longValue() : 0;
        return total <= 0 ? -1 : (int) Math.min(100, done * 100 / total);
    }
}
