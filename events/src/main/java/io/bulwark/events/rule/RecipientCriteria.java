package io.bulwark.events.rule;

import java.util.List;

/**
 * Who a rule is for, on the receiving side: an envelope recipient matches when it matches any of
 * {@code addresses}. An empty list matches nobody.
 *
 * @param addresses address patterns, see {@link AddressPattern}
 */
public record RecipientCriteria(List<String> addresses) {

    public RecipientCriteria {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** Any recipient. */
    public static RecipientCriteria anyone() {
        return new RecipientCriteria(List.of("*"));
    }

    /** Whether nothing is configured (such criteria match no recipient). */
    public boolean matchesNobody() {
        return addresses.isEmpty();
    }
}
