package io.bulwark.events.rule;

import java.util.Objects;

/**
 * One entry of a global list.
 *
 * @param type  what it matches
 * @param value the pattern or network as written
 */
public record GlobalListEntry(GlobalListEntryType type, String value) {

    public GlobalListEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        value = value.strip();
    }
}
