package io.bulwark.scan.policy;

import io.bulwark.events.rule.AddressPattern;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.IpNetwork;
import io.bulwark.scan.message.Envelope;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the envelope sender and client address against the global lists. Built once per lists
 * snapshot; immutable and thread-safe. Entries that fail to compile are logged and skipped: the
 * aggregate validated them when they were added, so only an entry stored under older pattern rules
 * (a Java-only regex, see {@link RuleMatcher}) can get here.
 */
public final class GlobalListsMatcher {
    private static final Logger log = LoggerFactory.getLogger(GlobalListsMatcher.class);

    private final List<Matcher> allow;
    private final List<Matcher> deny;
    private final GlobalListsView view;

    public GlobalListsMatcher(GlobalListsView view) {
        this.view = view;
        this.allow = view.allow().stream().flatMap(e -> compile(e).stream()).toList();
        this.deny = view.deny().stream().flatMap(e -> compile(e).stream()).toList();
    }

    /** Whether the message's sender is on a list. */
    public ListMatch match(Envelope envelope) {
        Optional<Matcher> a = allow.stream().filter(m -> m.matches(envelope)).findFirst();
        Optional<Matcher> d = deny.stream().filter(m -> m.matches(envelope)).findFirst();
        if (a.isEmpty() && d.isEmpty()) {
            return ListMatch.NONE;
        }
        String reason = d.map(m -> "global deny list entry '" + m.entry.value() + "'")
                .orElseGet(() -> "global allow list entry '" + a.get().entry.value() + "'");
        return new ListMatch(a.isPresent(), d.isPresent(), view.denyAction(), reason);
    }

    private static Optional<Matcher> compile(GlobalListEntry e) {
        return switch (e.type()) {
            case ADDRESS -> address(e);
            case IP_NETWORK -> IpNetwork.isValid(e.value())
                    ? Optional.of(new Matcher(e, null, IpNetwork.parse(e.value()))) : Optional.empty();
        };
    }

    private static Optional<Matcher> address(GlobalListEntry e) {
        try {
            return Optional.of(new Matcher(e, AddressPattern.parse(e.value()), null));
        } catch (IllegalArgumentException ex) {
            log.warn("global list entry '{}' matches nothing until it is replaced: {}", e.value(), ex.getMessage());
            return Optional.empty();
        }
    }

    private record Matcher(GlobalListEntry entry, AddressPattern pattern, IpNetwork network) {
        boolean matches(Envelope env) {
            return pattern != null ? pattern.matches(env.sender()) : network.contains(env.clientAddress());
        }
    }
}
