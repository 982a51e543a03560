package io.bulwark.admin.cef;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One CEF event before formatting: the variable part of the header (Device Event Class ID, Name,
 * Severity) and the extension as ordered key/value pairs of raw, unescaped text. Vendor, product and
 * version are the exporter's ({@link CefFormatter}).
 *
 * <p>Built with {@link #builder}; a null or blank value leaves its key out (the CEF notes: leaving
 * an empty key out is better than {@code cs1=}), and a custom field ({@code csN}, {@code cnN}) is
 * always written with its label. Immutable once built.
 *
 * @param classId   the Device Event Class ID, a stable identifier per type of event
 * @param name      a short generic description ("Rule changed"), never the variable details
 * @param severity  0-10
 * @param time      when it happened (the event's timestamp); also {@code rt} and the syslog TIMESTAMP
 * @param extension the extension, in emission order
 */
public record CefRecord(String classId, String name, int severity, Instant time, Map<String, String> extension) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public CefRecord {
        if (severity < 0 || severity > 10) {
            throw new IllegalArgumentException("CEF severity is 0-10: " + severity);
        }
        extension = Collections.unmodifiableMap(new LinkedHashMap<>(extension));
    }

    /** Starts a record of the given class, name and severity. */
    public static Builder builder(String classId, String name, int severity) {
        return new Builder(classId, name, severity);
    }

    /** Collects the extension; keys are checked to be plain alphanumeric CEF keys. */
    public static final class Builder {
        private final String classId;
        private final String name;
        private final int severity;
        private Instant time;
        private final Map<String, String> extension = new LinkedHashMap<>();

        private Builder(String classId, String name, int severity) {
            this.classId = classId;
            this.name = name;
            this.severity = severity;
        }

        /** When it happened; also written as {@code rt} (epoch milliseconds). */
        public Builder time(Instant at) {
            this.time = at;
            return this;
        }

        /** A dictionary key ({@code suser}, {@code act}, ...) or a vendor key ({@code BulwarkAvStatus}). */
        public Builder put(String key, Object value) {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("not a CEF key: " + key);
            }
            if (value != null && !value.toString().isBlank()) {
                extension.put(key, value.toString());
            }
            return this;
        }

        /** A comma-separated list (the reference's multi-value form), left out when empty. */
        public Builder list(String key, Collection<?> values) {
            if (values == null || values.isEmpty()) {
                return this;
            }
            return put(key, String.join(",", values.stream().map(String::valueOf).toList()));
        }

        /** Custom string {@code csN} with its label {@code csNLabel} (N = 1..6). */
        public Builder customString(int n, String label, Object value) {
            return custom("cs", n, 6, label, value);
        }

        /** Custom number {@code cnN} with its label {@code cnNLabel} (N = 1..3). */
        public Builder customNumber(int n, String label, Long value) {
            return custom("cn", n, 3, label, value);
        }

        /** Custom date {@code deviceCustomDateN} (epoch ms) with its label (N = 1..2). */
        public Builder customDate(int n, String label, Instant value) {
            return custom("deviceCustomDate", n, 2, label, value == null ? null : value.toEpochMilli());
        }

        private Builder custom(String prefix, int n, int max, String label, Object value) {
            if (n < 1 || n > max) {
                throw new IllegalArgumentException(prefix + n + " does not exist");
            }
            if (value != null && !value.toString().isBlank()) {
                put(prefix + n + "Label", label);
                put(prefix + n, value);
            }
            return this;
        }

        public CefRecord build() {
            return new CefRecord(classId, name, severity, time, extension);
        }
    }
}
