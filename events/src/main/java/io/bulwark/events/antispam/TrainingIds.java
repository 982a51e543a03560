package io.bulwark.events.antispam;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identifiers of training marks. A mark is the aggregate of one message's training history, and its
 * id is derived from the SHA-256 of the message bytes, so the same message marked twice (from
 * Backup and from tracking, by two administrators) is one mark: it is counted once, and a second
 * verdict replaces the first instead of adding to it.
 */
public final class TrainingIds {
    /** Aggregate type of the training marks' event streams. */
    public static final String AGGREGATE_TYPE = "TrainingMark";
    private static final String PREFIX = "bayes-";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VALID = Pattern.compile(PREFIX + "[0-9a-f]{64}");

    private TrainingIds() {
    }

    /** The training id of a message, from the hex SHA-256 of its bytes. */
    public static String of(String sha256) {
        String hex = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a hex SHA-256: " + sha256);
        }
        return PREFIX + hex;
    }

    /** Whether {@code trainingId} has the shape {@link #of} gives. */
    public static boolean isValid(String trainingId) {
        return trainingId != null && VALID.matcher(trainingId).matches();
    }
}
