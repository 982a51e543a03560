package io.bulwark.admin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks report recipients: plain addresses {@code local@domain}, no display names. Stateless. */
final class ReportAddresses {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;\"]+@[A-Za-z0-9.-]+");

    private ReportAddresses() {
    }

    /** The addresses stripped and without blanks; refuses any that is not {@code local@domain}. */
    static List<String> check(List<String> recipients) {
        List<String> checked = new ArrayList<>();
        for (String r : recipients == null ? List.<String>of() : recipients) {
            if (r == null || r.isBlank()) {
                continue;
            }
            String a = r.strip();
            if (!ADDRESS.matcher(a).matches()) {
                throw new InvalidReportException("Not a mail address: " + a);
            }
            checked.add(a);
        }
        return checked;
    }
}
