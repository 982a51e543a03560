package io.bulwark.events.scan;

import java.util.List;
import java.util.Objects;

/**
 * One named finding of a check, as rspamd reports symbols: {@code EICAR_TEST_FILE},
 * {@code GTUBE}, later {@code SPF_FAIL}, {@code RBL_SPAMHAUS_ZEN}... The score is the configured
 * weight of the symbol (times the check's factor) when the message was scanned, so a stored event
 * says what the symbol counted then.
 *
 * @param name   the registered symbol name (upper case, digits and underscores)
 * @param score  what the symbol added to its module's score (the anti-spam rating)
 * @param reason why, in words an administrator understands; never message content
 * @param parts  the MIME parts it concerns ("2", "2.1"), empty for the whole message
 */
public record ScanSymbol(String name, double score, String reason, List<String> parts) {

    public ScanSymbol {
        Objects.requireNonNull(name, "name");
        reason = reason == null ? "" : reason;
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
