package io.bulwark.scan.headers;

import io.bulwark.scan.message.HeaderField;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header changes the {@link HeaderStage} asks for on one delivered copy: fields to add at the
 * top of the header (where trace fields go, RFC 8601 5), and which incoming fields to drop first.
 *
 * @param add        the fields to add, in order, values unfolded
 * @param authservId our authserv-id: incoming {@code Authentication-Results} that claim it are
 *                   forged (or stale) and dropped
 * @param replaced   names of our own fields whose incoming copies are dropped (a sender must not
 *                   forge our rating header)
 */
public record HeaderStamp(List<HeaderField> add, String authservId, Set<String> replaced) {

    public HeaderStamp {
        add = List.copyOf(add);
        replaced = Set.copyOf(replaced.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    /** Whether an incoming field (name, raw or decoded value) is to be dropped. */
    public boolean removes(String name, String value) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (replaced.contains(lower)) {
            return true;
        }
        return lower.equals("authentication-results") && HeaderStage.claims(value, authservId);
    }

    /** Whether the stamp changes nothing. */
    public boolean isEmpty() {
        return add.isEmpty() && replaced.isEmpty();
    }
}
