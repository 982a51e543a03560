package io.bulwark.events.backup;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.util.Locale;

/**
 * Filters of a Backup search, all optional ({@code null} = any) and combined with AND, as in the
 * commercial gateway's Backup view (reference notes D.2).
 *
 * @param module    detected by this module (some trigger has it)
 * @param status    with this status (some trigger has it; with {@code module}, the same trigger has both)
 * @param sender    case-insensitive substring of the envelope sender (literal text)
 * @param recipient case-insensitive substring of one of the recipients
 * @param clientIp  the SMTP client's address, exactly
 * @param from      stored at or after (inclusive)
 * @param to        stored before (exclusive)
 */
public record BackupSearchCriteria(ProtectionModule module, ScanStatus status, String sender, String recipient,
        String clientIp, Instant from, Instant to) {

    /** No filter: every copy. */
    public static final BackupSearchCriteria ANY = new BackupSearchCriteria(null, null, null, null, null, null, null);

    public BackupSearchCriteria {
        sender = blankToNull(sender);
        recipient = blankToNull(recipient);
        clientIp = blankToNull(clientIp);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
    }

    /** Whether the copy passes every filter. */
    public boolean matches(BackupCopyView copy) {
        if ((module != null || status != null) && copy.triggers().stream().noneMatch(
                t -> (module == null || t.module() == module) && (status == null || t.status() == status))) {
            return false;
        }
        if (sender != null && !contains(copy.message().sender(), sender)) {
            return false;
        }
        if (recipient != null && copy.message().recipients().stream().noneMatch(r -> contains(r, recipient))) {
            return false;
        }
        if (clientIp != null && !clientIp.equalsIgnoreCase(String.valueOf(copy.message().clientAddress()))) {
            return false;
        }
        if (from != null && copy.storedAt().isBefore(from)) {
            return false;
        }
        return to == null || copy.storedAt().isBefore(to);
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
