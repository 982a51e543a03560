package io.bulwark.console.kit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the console's search pages read their filter fields and show times: blank text is no filter,
 * pickers are read as UTC (the time of the gateway's logs), and instants are shown as
 * {@code yyyy-MM-dd HH:mm:ss} in UTC. The console kit's one home for it; stateless.
 */
public final class FilterValues {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private FilterValues() {
    }

    /** The text without surrounding blanks, or null if there is none. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A picker's value as an instant in UTC, or null. */
    public static Instant utc(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** An instant as the console shows it, or "" for none. */
    public static String format(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** Whether a range picked in two pickers is usable: either end open, or from before to. */
    public static boolean isRange(LocalDateTime from, LocalDateTime to) {
        return from == null || to == null || from.isBefore(to);
    }
}
