package io.bulwark.events.dnslist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fold of the DNS list events, shared by the aggregate, the administration and the gateway
 * nodes, so all of them read the same lists from the same events. Pure; not thread-safe (each
 * owner confines or synchronises it).
 */
public final class DnsListsProjection {
    private final Map<String, DnsListDefinition> lists = new LinkedHashMap<>();
    private boolean seeded;

    /**
     * The lists and whether any event set them.
     *
     * @param lists      in the order added
     * @param configured whether the aggregate has any event (seeded or changed); before that a
     *                   gateway node uses its own properties
     */
    public record View(List<DnsListDefinition> lists, boolean configured) {
        public View {
            lists = List.copyOf(lists);
        }
    }

    /** Applies one event; returns false when the payload is not a DNS list event. */
    public boolean apply(Object payload) {
        switch (payload) {
            case DnsListsSeededEvent e -> {
                lists.clear();
                e.lists().forEach(l -> lists.put(l.symbol(), l));
            }
            case DnsListAddedEvent e -> lists.put(e.list().symbol(), e.list());
            case DnsListEditedEvent e -> lists.put(e.list().symbol(), e.list());
            case DnsListRemovedEvent e -> lists.remove(e.removed().symbol());
            default -> {
                return false;
            }
        }
        seeded = true;
        return true;
    }

    /** The lists now. */
    public View view() {
        return new View(new ArrayList<>(lists.values()), seeded);
    }

    /** The list with the symbol, or null. */
    public DnsListDefinition find(String symbol) {
        return lists.get(symbol);
    }
}
