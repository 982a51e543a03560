package io.bulwark.scan.antispam.dnsbl;

import io.bulwark.scan.CheckResult;
import java.util.ArrayList;
import java.util.List;

/** From a {@link ZoneLookup}'s findings to a check result: findings first, then trouble. */
final class ZoneLookups {
    private ZoneLookups() {
    }

    static CheckResult result(ZoneLookup lookup) {
        if (!lookup.found.isEmpty()) {
            return CheckResult.found(lookup.found);
        }
        if (!lookup.temporary.isEmpty()) {
            return CheckResult.temporaryFailure(String.join("; ", lookup.temporary));
        }
        List<String> remarks = new ArrayList<>(lookup.remarks);
        if (lookup.budgetSpent) {
            return CheckResult.skipped("DNS query budget spent before every list was asked"
                    + (remarks.isEmpty() ? "" : "; " + String.join("; ", remarks)));
        }
        return remarks.isEmpty() ? CheckResult.clean() : CheckResult.clean(String.join("; ", remarks));
    }
}
