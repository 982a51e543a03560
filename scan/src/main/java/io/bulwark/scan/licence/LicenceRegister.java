package io.bulwark.scan.licence;

import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.events.licence.LicenceSlot;
import java.util.Set;
import java.util.TreeSet;

/**
 * The installed keys as the licence events leave them: the one reading of those events that the
 * aggregate, the admin projection and every gateway node share, so they cannot disagree. Immutable;
 * {@link #apply} returns the next register. Applying an event a second time changes nothing (a
 * node that re-reads a window of events after loading the stream stays right).
 *
 * @param active           the active key, or null
 * @param additional       the additional key, or null
 * @param blocked          blocked licence numbers
 * @param keyEverInstalled whether a key was ever installed
 */
public record LicenceRegister(LicenceKeyFacts active, LicenceKeyFacts additional, Set<String> blocked,
        boolean keyEverInstalled) {

    /** Nothing installed, ever. */
    public static final LicenceRegister EMPTY = new LicenceRegister(null, null, Set.of(), false);

    public LicenceRegister {
        blocked = Set.copyOf(blocked);
    }

    /** The register after one licence event; other events leave it as it is. */
    public LicenceRegister apply(Object event) {
        return switch (event) {
            case LicenceKeyInstalledEvent e -> e.slot() == LicenceSlot.ACTIVE
                    ? new LicenceRegister(e.key(), sameKey(additional, e.key()) ? null : additional, blocked, true)
                    : new LicenceRegister(active, e.key(), blocked, true);
            case LicenceKeyRemovedEvent e -> e.slot() == LicenceSlot.ACTIVE
                    ? new LicenceRegister(sameKey(active, e.key()) ? null : active, additional, blocked, true)
                    : new LicenceRegister(active, sameKey(additional, e.key()) ? null : additional, blocked, true);
            case LicenceKeyPromotedEvent e -> new LicenceRegister(e.key(),
                    sameKey(additional, e.key()) ? null : additional, blocked, true);
            case LicenceKeyBlockedEvent e -> new LicenceRegister(active, additional, with(e.licenceNumber(), true),
                    keyEverInstalled);
            case LicenceKeyUnblockedEvent e -> new LicenceRegister(active, additional, with(e.licenceNumber(), false),
                    keyEverInstalled);
            default -> this;
        };
    }

    private Set<String> with(String licenceNumber, boolean add) {
        Set<String> next = new TreeSet<>(blocked);
        if (add) {
            next.add(licenceNumber);
        } else {
            next.remove(licenceNumber);
        }
        return next;
    }

    private static boolean sameKey(LicenceKeyFacts a, LicenceKeyFacts b) {
        return a != null && b != null && a.licenceNumber().equals(b.licenceNumber());
    }
}
