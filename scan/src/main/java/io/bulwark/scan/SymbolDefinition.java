package io.bulwark.scan;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A symbol a check may report, as the {@link SymbolRegistry} knows it.
 *
 * @param name          upper case letters, digits and underscores, unique across all checks
 * @param module        the module it counts for (the declaring check's)
 * @param defaultWeight its score unless configuration says otherwise
 *                      ({@code bulwark.scan.symbols.<NAME>.weight})
 * @param implies       the module status its presence gives whatever the score (INFECTED for a
 *                      virus, BLACKLISTED for a DNSBL listing), or null when only the score counts
 *                      (anti-spam rules, compared with the rule's thresholds)
 * @param description   what it means, for administrators (console, docs)
 */
public record SymbolDefinition(String name, ProtectionModule module, double defaultWeight, ScanStatus implies,
        String description) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public SymbolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("symbol name must be upper case letters, digits and _: " + name);
        }
        if (implies != null && !implies.appliesTo(module)) {
            throw new IllegalArgumentException(name + ": " + implies + " is not a status of " + module);
        }
        if (implies != null && !implies.finding()) {
            throw new IllegalArgumentException(name + ": a symbol can only imply a finding, not " + implies);
        }
        description = description == null ? "" : description;
    }
}
