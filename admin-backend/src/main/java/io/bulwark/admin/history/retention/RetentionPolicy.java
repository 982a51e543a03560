package io.bulwark.admin.history.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * How long each class of event stays in the hot store ({@code bulwark.history.retention.<class>},
 * ADR 0024 and 0029). The class follows from the event's package in the {@code events} module:
 *
 * <ul>
 *   <li>{@code message}: {@code io.bulwark.events.message}, {@code .scan}, {@code .quarantine}
 *       (received, scanned, queued, delivered, quarantined...); default 90 days;</li>
 *   <li>{@code backup}: {@code io.bulwark.events.backup}; default the Backup store's
 *       {@code bulwark.backup.max-age} plus one day, kept when the Backup store has no age limit
 *       (a Backup copy's aggregate must still load while the copy exists);</li>
 *   <li>{@code history}: {@code io.bulwark.events.history}; kept;</li>
 *   <li>{@code admin}: everything else (rules, lists, settings, keys, accounts, licences, queue and
 *       node actions); kept: aggregates are sourced from these events and time travel replays them.</li>
 * </ul>
 *
 * <p>Only {@code message} and {@code backup} may be given a duration; {@code keep} keeps a class.
 * Immutable and thread-safe.
 */
public final class RetentionPolicy {
    public static final String MESSAGE = "message";
    public static final String BACKUP = "backup";
    public static final String ADMIN = "admin";
    public static final String HISTORY = "history";
    /** The value that keeps a class for good. */
    public static final String KEEP = "keep";
    public static final Duration DEFAULT_MESSAGE = Duration.ofDays(90);

    private static final String EVENTS_PACKAGE = "io.bulwark.events.";
    private static final Set<String> MESSAGE_PACKAGES = Set.of("message", "scan", "quarantine");
    private static final Set<String> ARCHIVABLE = Set.of(MESSAGE, BACKUP);

    private final Map<String, Optional<Duration>> retention;

    private RetentionPolicy(Map<String, Optional<Duration>> retention) {
        this.retention = retention;
    }

    /**
     * The policy from the properties.
     *
     * @param configured   {@code bulwark.history.retention.*}: class to a duration ({@code 90d},
     *                     {@code P90D}) or {@code keep}
     * @param backupMaxAge the Backup store's {@code bulwark.backup.max-age}, or {@code null}
     * @throws IllegalArgumentException for an unknown class, a class that is always kept, or a value
     *                                  that is neither {@code keep} nor a positive duration
     */
    public static RetentionPolicy of(Map<String, String> configured, Duration backupMaxAge) {
        Map<String, Optional<Duration>> retention = new LinkedHashMap<>();
        retention.put(MESSAGE, Optional.of(DEFAULT_MESSAGE));
        retention.put(BACKUP, Optional.ofNullable(backupMaxAge).map(d -> d.plusDays(1)));
        retention.put(ADMIN, Optional.empty());
        retention.put(HISTORY, Optional.empty());
        for (Map.Entry<String, String> entry : (configured == null ? Map.<String, String>of() : configured).entrySet()) {
            String eventClass = entry.getKey().toLowerCase(Locale.ROOT);
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            if (!retention.containsKey(eventClass)) {
                throw new IllegalArgumentException("bulwark.history.retention." + entry.getKey()
                        + ": no such event class; one of " + retention.keySet());
            }
            if (value.equalsIgnoreCase(KEEP)) {
                retention.put(eventClass, Optional.empty());
                continue;
            }
            if (!ARCHIVABLE.contains(eventClass)) {
                throw new IllegalArgumentException("bulwark.history.retention." + eventClass
                        + " is always 'keep': aggregates and time travel replay these events (ADR 0024)");
            }
            Duration duration;
            try {
                duration = DurationStyle.detectAndParse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bulwark.history.retention." + eventClass + ": '" + value
                        + "' is neither 'keep' nor a duration such as 90d", e);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("bulwark.history.retention." + eventClass + " must be positive");
            }
            retention.put(eventClass, Optional.of(duration));
        }
        return new RetentionPolicy(Map.copyOf(retention));
    }

    /** The class of an event by its payload type (fully qualified class name). */
    public static String classOf(String payloadType) {
        if (payloadType == null || !payloadType.startsWith(EVENTS_PACKAGE)) {
            return ADMIN;
        }
        String rest = payloadType.substring(EVENTS_PACKAGE.length());
        int dot = rest.indexOf('.');
        String area = dot < 0 ? "" : rest.substring(0, dot);
        if (MESSAGE_PACKAGES.contains(area)) {
            return MESSAGE;
        }
        if (area.equals(BACKUP) || area.equals(HISTORY)) {
            return area;
        }
        return ADMIN;
    }

    /** The retention of a class; empty when it is kept. */
    public Optional<Duration> retention(String eventClass) {
        return retention.getOrDefault(eventClass, Optional.empty());
    }

    /** Every class with its retention (empty: kept), for the status answer. */
    public Map<String, Optional<Duration>> all() {
        return retention;
    }

    /** Whether events of this type leave the hot store once past retention. */
    public boolean removable(String payloadType) {
        return retention(classOf(payloadType)).isPresent();
    }

    /** Whether an event of this type and time may leave the hot store at {@code now}. */
    public boolean pastRetention(String payloadType, Instant timestamp, Instant now) {
        return retention(classOf(payloadType)).map(d -> !timestamp.plus(d).isAfter(now)).orElse(false);
    }
}
