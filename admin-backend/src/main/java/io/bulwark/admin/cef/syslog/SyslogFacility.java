package io.bulwark.admin.cef.syslog;

import java.util.List;
import java.util.Locale;

/** The syslog facilities of RFC 5424 6.2.1, by their usual names (as rsyslog writes them). */
public final class SyslogFacility {
    private static final List<String> NAMES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1",
            "local2", "local3", "local4", "local5", "local6", "local7");

    private SyslogFacility() {
    }

    /**
     * The canonical name of a facility given by name or number 0-23.
     *
     * @throws IllegalArgumentException when it is none
     */
    public static String name(String nameOrNumber) {
        String f = nameOrNumber == null ? "" : nameOrNumber.strip().toLowerCase(Locale.ROOT);
        if (f.matches("\\d{1,2}") && Integer.parseInt(f) < NAMES.size()) {
            return NAMES.get(Integer.parseInt(f));
        }
        if (NAMES.contains(f)) {
            return f;
        }
        throw new IllegalArgumentException("A syslog facility is one of " + String.join(", ", NAMES)
                + " (or its number 0-23), not '" + nameOrNumber + "'");
    }

    /** The facility's number (0-23). */
    public static int code(String name) {
        return NAMES.indexOf(name(name));
    }

    /** Every name, in code order. */
    public static List<String> names() {
        return NAMES;
    }
}
