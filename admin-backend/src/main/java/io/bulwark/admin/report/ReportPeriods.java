package io.bulwark.admin.report;

import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The periods of scheduled reports, in UTC: a daily report covers the day before, a weekly one the
 * ISO week before (Monday to Monday), a monthly one the month before; each is due at its entry's
 * time of day on the first day after its period. Stateless.
 */
public final class ReportPeriods {

    private ReportPeriods() {
    }

    /** A period {@code [from, to)}. */
    public record Period(Instant from, Instant to) {
    }

    /** The most recent period of the type that is due at {@code now}. */
    public static Period latestDue(ReportType type, ReportScheduleEntry entry, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate end = switch (type) {
            case DAILY -> today;
            case WEEKLY -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> today.withDayOfMonth(1);
            case CUSTOM -> throw new IllegalArgumentException("A custom report has no schedule");
        };
        if (now.isBefore(end.atTime(entry.time()).toInstant(ZoneOffset.UTC))) {
            end = previous(type, end);
        }
        return new Period(start(type, end), end.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** The period of "yesterday" (UTC) as of {@code now}. */
    public static Period yesterday(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new Period(today.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                today.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static Instant start(ReportType type, LocalDate end) {
        return previous(type, end).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static LocalDate previous(ReportType type, LocalDate end) {
        return switch (type) {
            case DAILY -> end.minusDays(1);
            case WEEKLY -> end.minusWeeks(1);
            default -> end.minusMonths(1);
        };
    }
}
