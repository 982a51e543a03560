package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.quarantine.SpamQuarantineDeletedEvent;
import io.bulwark.events.quarantine.SpamQuarantineExpiredEvent;
import io.bulwark.events.quarantine.SpamQuarantineHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineNotHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent;
import io.bulwark.events.quarantine.SpamQuarantineReleasedEvent;
import java.time.Instant;
import java.util.List;

/**
 * Quarantine group: every move of the Anti-Spam Quarantine (reference D.3, G.3
 * {@code LMS_EV_ASP_QUARANTINE}) as one class with {@code act} = held, not held, rechecked,
 * released, deleted, expired; message keys (ScanLogic), {@code cs3} the acting account
 * ({@code system} for the node's own moves), {@code cs2} RuleNames, {@code cn1} the rating.
 */
public final class QuarantineCefMapper implements CefMappingTable.GroupMapper {
    /** A message was put into, re-checked in, or left the anti-spam quarantine. */
    public static final String ASP_QUARANTINE = "BW_EV_ASP_QUARANTINE";

    @Override
    public CefGroup group() {
        return CefGroup.QUARANTINE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(SpamQuarantineHeldEvent.class, e -> move("held", 4, e.message(), e.ruleNames(), e.actor(), e.at())
                .customNumber(1, "Rating", Math.round(e.rating())).build());
        r.map(SpamQuarantineNotHeldEvent.class, e -> move("not held", 5, e.message(), e.ruleNames(), e.actor(),
                e.at()).customNumber(1, "Rating", Math.round(e.rating())).put("reason", e.reason()).build());
        r.map(SpamQuarantineRecheckedEvent.class, e -> move("rechecked", 3, e.message(), e.ruleNames(), e.actor(),
                e.at()).customNumber(1, "Rating", e.verdict() == null ? null : Math.round(e.verdict().score()))
                .customString(4, "Outcome", e.outcome()).put("reason", String.join("; ", e.reasons())).build());
        r.map(SpamQuarantineReleasedEvent.class, e -> move("released", 4, e.message(), e.ruleNames(), e.actor(),
                e.at()).build());
        r.map(SpamQuarantineDeletedEvent.class, e -> move("deleted", 5, e.message(), e.ruleNames(), e.actor(),
                e.at()).build());
        r.map(SpamQuarantineExpiredEvent.class, e -> move("expired", 4, e.message(), e.ruleNames(), e.actor(),
                e.at()).put("reason", e.reason()).build());
    }

    private static CefRecord.Builder move(String act, int severity, MessageRef message, List<String> rules,
            String actor, Instant at) {
        return CefFields.message(CefRecord.builder(ASP_QUARANTINE, "Anti-spam quarantine: " + act, severity)
                .time(at), message).put("act", act).customString(3, "Account", actor)
                .customString(2, "RuleNames", rules == null ? null : String.join(",", rules));
    }
}
