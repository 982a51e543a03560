package io.bulwark.scan;

import java.util.List;
import java.util.Objects;

/**
 * A symbol as a check reports it: the name of a registered {@link SymbolDefinition}, a factor for
 * its configured weight (1 normally; a check may report a graded finding, e.g. a DNSBL that lists
 * an address twice), why, and the MIME parts it concerns. The score is the pipeline's business:
 * weight (configuration) times factor.
 *
 * @param name   a symbol the check declared
 * @param factor multiplier of the weight
 * @param reason why, in words an administrator understands; never message content
 * @param parts  IMAP-style part paths, empty for the whole message
 */
public record Symbol(String name, double factor, String reason, List<String> parts) {

    public Symbol {
        Objects.requireNonNull(name, "name");
        reason = reason == null ? "" : reason;
        parts = parts == null ? List.of() : List.copyOf(parts);
        if (Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a number: " + factor);
        }
    }

    /** A symbol with factor 1. */
    public static Symbol of(String name, String reason, String... parts) {
        return new Symbol(name, 1, reason, List.of(parts));
    }

    /** A symbol with factor 1 about the given parts. */
    public static Symbol of(String name, String reason, List<String> parts) {
        return new Symbol(name, 1, reason, parts);
    }
}
